using System.Globalization;

namespace Toolshed.Bench.Modern;

/// <summary>
/// The client side of one run: both sides checked once and warmed up, then <see cref="ModernBenchOptions.Rounds"/>
/// rounds; in each, for every number of callers, modern and legacy back to back (which goes first alternates between
/// rounds, so a drift in the machine's load favours neither), then both clients against the trivial endpoint.
/// </summary>
internal static class Schedule
{
    private static readonly TimeSpan s_checkTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_warmUpPhase = TimeSpan.FromSeconds(3);

    public static async Task<int> MeasureAsync(ModernBenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Mcp is not { } mcp || options.Trivial is not { } trivial)
        {
            await Console.Error.WriteLineAsync("measure needs --mcp and --trivial.\n" + ModernBenchOptions.Usage);
            return 2;
        }

        if (!await CheckAsync(mcp, options, cancellationToken))
        {
            return 1;
        }

        // Unrecorded: the proxy's stateless session and its tool list, connection pools, and the JIT's tiers on both
        // ends, at every number of callers (a 1 s warm-up alone left the first measured side ~2x slower in trial runs).
        foreach (var callers in options.Callers)
        {
            foreach (var side in new[] { Side.Modern, Side.Legacy })
            {
                Console.Write("warm-up ");
                await RunAsync(side, mcp, callers, TimeSpan.FromSeconds(0.5), s_warmUpPhase, options, cancellationToken);
            }
        }

        for (var round = 1; round <= options.Rounds; round++)
        {
            Side[] order = round % 2 == 1 ? [Side.Modern, Side.Legacy] : [Side.Legacy, Side.Modern];
            Console.WriteLine($"round {round}/{options.Rounds}");
            foreach (var callers in options.Callers)
            {
                foreach (var side in order)
                {
                    var result = await RunAsync(side, mcp, callers, options.WarmUp, options.Duration, options, cancellationToken);
                    await RecordAsync(options, round, side.Name, result, cancellationToken);
                }
            }

            foreach (var callers in options.Callers)
            {
                foreach (var side in order)
                {
                    var result = await RunAsync(side, trivial, callers, options.WarmUp, options.TrivialDuration, options, cancellationToken);
                    await RecordAsync(options, round, "trivial-" + side.Name, result, cancellationToken);
                }
            }
        }

        return 0;
    }

    /// <summary>One call each way, shown, so a run that measures errors says so at once.</summary>
    private static async Task<bool> CheckAsync(Uri mcp, ModernBenchOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_checkTimeout);
        var ok = true;
        foreach (var side in new[] { Side.Modern, Side.Legacy })
        {
            await using var client = await side.ConnectAsync(mcp, options.JsonOnly, timeout.Token);
            var tools = await client.ListToolsAsync(timeout.Token);
            var echoed = await client.EchoAsync("check", timeout.Token);
            Console.WriteLine($"{side.Name}: tools/list {tools} tools, echo {(echoed ? "answered" : "FAILED")}");
            ok &= tools > 0 && echoed;
        }

        return ok;
    }

    private static async Task<Measured> RunAsync(
        Side side, Uri url, int callers, TimeSpan warmUp, TimeSpan duration, ModernBenchOptions options, CancellationToken cancellationToken)
    {
        var connecting = Enumerable.Range(0, callers).Select(_ => side.ConnectAsync(url, options.JsonOnly, cancellationToken)).ToList();
        try
        {
            var clients = await Task.WhenAll(connecting);
            var window = MeasuredWindow.SampleAsync(options, warmUp, duration, cancellationToken);
            var result = await ClosedLoop.RunAsync(clients, callers, warmUp, duration, cancellationToken, new CpuMeter(options.Pid));
            var measured = new Measured(result, await window);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{side.Name,-7} {url.Port,5} callers {callers,3}: {result.CallsPerSecond,8:F0} calls/s  p50 {result.P50Ms,6:F2} ms  p99 {result.P99Ms,6:F2} ms  errors {result.Errors}  cpu/call client {result.ClientUsPerCall:F0} µs proxy {result.DaemonUsPerCall:F0} µs server {measured.ServerUsPerCall:F0} µs  per call: proxy switches {measured.ProxySwitchesPerCall:F1}, work items {measured.WorkItemsPerCall:F1}, allocated {measured.AllocatedBytesPerCall:F0} B"));
            return measured;
        }
        finally
        {
            // Sessions that did open are closed even when others failed.
            await Task.WhenAll(connecting.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result.DisposeAsync().AsTask()));
        }
    }

    private static async Task RecordAsync(ModernBenchOptions options, int round, string target, Measured measured, CancellationToken cancellationToken)
    {
        if (options.Output is { } file)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{round}\t{measured.Loop.ToTsv(target, "raw")}\t{measured.ServerUsPerCall:F0}\t{measured.ProxySwitchesPerCall:F2}\t{measured.WorkItemsPerCall:F2}\t{measured.AllocatedBytesPerCall:F0}\n");
            await File.AppendAllTextAsync(file, line, cancellationToken);
        }
    }

    /// <summary>A loop's result and its window's figures, per answered call.</summary>
    private sealed record Measured(LoopResult Loop, MeasuredWindow Window)
    {
        private double Calls => Math.Max(Loop.Calls, 1);

        public double ServerUsPerCall => Window.ServerCpu?.TotalMicroseconds / Calls ?? double.NaN;

        public double ProxySwitchesPerCall => Window.ProxySwitches / Calls ?? double.NaN;

        public double WorkItemsPerCall => Window.Proxy?.WorkItems / Calls ?? double.NaN;

        public double AllocatedBytesPerCall => Window.Proxy?.AllocatedBytes / Calls ?? double.NaN;
    }

    /// <summary>Which protocol a caller speaks, and how it opens (legacy: a session; modern: nothing to open).</summary>
    private sealed record Side(string Name, Func<Uri, bool, CancellationToken, Task<IEchoClient>> ConnectAsync)
    {
        public static readonly Side Modern = new("modern", (url, jsonOnly, _) => Task.FromResult<IEchoClient>(new ModernEchoClient(url, jsonOnly)));

        public static readonly Side Legacy = new("legacy", LegacyEchoClient.ConnectAsync);
    }
}
