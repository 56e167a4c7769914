namespace Toolshed.Bench.Modern;

/// <summary>
/// What the serving side spent in one measured window, sampled at its edges as <see cref="ClosedLoop"/> samples CPU:
/// the MCP server's (node's) CPU time, the serving process's context switches and its own counters
/// (<see cref="ServingStats"/>, from the trivial endpoint's /stats). Null what could not be read.
/// </summary>
internal sealed record MeasuredWindow(TimeSpan? ServerCpu, long? ProxySwitches, ServingStats? Proxy)
{
    private static readonly HttpClient s_stats = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<MeasuredWindow> SampleAsync(
        ModernBenchOptions options, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        var server = new CpuMeter(options.ServerPid);
        await Task.Delay(warmUp, cancellationToken);
        var cpu = server.Sample().Daemon;
        var switches = options.Pid is { } pid ? ContextSwitches.Read(pid) : null;
        var stats = await StatsAsync(options, cancellationToken);
        await Task.Delay(duration, cancellationToken);
        var statsAfter = await StatsAsync(options, cancellationToken);
        return new MeasuredWindow(
            server.HasDaemon ? server.Sample().Daemon - cpu : null,
            options.Pid is { } same && switches is not null ? ContextSwitches.Between(switches, ContextSwitches.Read(same)) : null,
            stats is not null && statsAfter is not null ? statsAfter - stats : null);
    }

    private static async Task<ServingStats?> StatsAsync(ModernBenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Trivial is not { } trivial)
        {
            return null;
        }

        try
        {
            return ServingStats.Parse(await s_stats.GetStringAsync(new Uri(trivial, "/stats"), cancellationToken));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
