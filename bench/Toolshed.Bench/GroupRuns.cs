using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Toolshed.Bench;

/// <summary>
/// The modes a group needs beyond throughput: how long tools/list takes on a new session (a group opens a session with
/// every member and lists them) and on a warm one (a group serves its per-session list), and how much daemon memory
/// each open session holds.
/// </summary>
internal static class GroupRuns
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    // A closed session's teardown (a group ends its member sessions in the background) is let go before the next cold list.
    private static readonly TimeSpan s_betweenSessions = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(3);

    /// <summary>
    /// <see cref="BenchOptions.Cold"/> sessions one after another: each is opened (initialize and initialized, not
    /// timed), timed on its first tools/list, then on <see cref="BenchOptions.Warm"/> more, and closed.
    /// </summary>
    public static async Task<int> ListsAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var cold = new List<long>();
        var warm = new List<long>();
        var cpu = new CpuMeter(options.Pid);
        var cpuSpent = new Dictionary<string, (TimeSpan Client, TimeSpan Daemon)> { ["cold"] = default, ["warm"] = default };
        var errors = 0;
        var tools = new HashSet<int>();
        var loopStart = cpu.Sample();
        for (var i = 0; i < options.Cold; i++)
        {
            var client = await Runs.ConnectHttpAsync(options, options.Url!, cancellationToken);
            try
            {
                for (var j = 0; j <= options.Warm; j++)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(s_callTimeout);
                    var before = cpu.Sample();
                    var start = Stopwatch.GetTimestamp();
                    var count = await client.ListToolsAsync(timeout.Token);
                    var elapsed = Stopwatch.GetElapsedTime(start).Ticks;
                    var after = cpu.Sample();
                    var phase = j == 0 ? "cold" : "warm";
                    cpuSpent[phase] = (cpuSpent[phase].Client + after.Client - before.Client, cpuSpent[phase].Daemon + after.Daemon - before.Daemon);
                    if (count <= 0)
                    {
                        errors++;
                        continue;
                    }

                    tools.Add(count);
                    (j == 0 ? cold : warm).Add(elapsed);
                }
            }
            finally
            {
                await client.DisposeAsync();
            }

            await Task.Delay(s_betweenSessions, cancellationToken);
        }

        // What a session costs the daemon beyond its warm lists: opening it (for a group: a session with every member),
        // its first list, and closing it (the pause after each lets the close finish inside the loop).
        var loopEnd = cpu.Sample();
        var sessionCpuUs = !cpu.HasDaemon || options.Cold == 0 ? double.NaN
            : ((loopEnd.Daemon - loopStart.Daemon) - cpuSpent["warm"].Daemon).TotalMicroseconds / options.Cold;
        var toolCounts = string.Join('/', tools.Order());
        foreach (var (kind, samples) in new[] { ("cold", cold), ("warm", warm) })
        {
            var sorted = samples.Order().ToArray();
            var p50 = ClosedLoop.Percentile(sorted, 0.50);
            var p99 = ClosedLoop.Percentile(sorted, 0.99);
            var mean = sorted.Length == 0 ? double.NaN : TimeSpan.FromTicks((long)sorted.Average()).TotalMilliseconds;
            // CPU ticks are 10 ms: summed over every list (or the whole loop) they average out; one list alone would not show.
            var clientUs = sorted.Length == 0 ? double.NaN : cpuSpent[kind].Client.TotalMicroseconds / sorted.Length;
            var daemonUs = sorted.Length == 0 || !cpu.HasDaemon ? double.NaN
                : kind == "cold" ? sessionCpuUs : cpuSpent[kind].Daemon.TotalMicroseconds / sorted.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Target,-14} tools/list {kind}: {sorted.Length,4} lists  p50 {p50,7:F2} ms  p99 {p99,7:F2} ms  mean {mean,7:F2} ms  tools {toolCounts}  errors {errors}  daemon cpu {daemonUs:F0} µs per {(kind == "cold" ? "session (open, first list, close)" : "list")}"));
            await AppendAsync(options, cancellationToken,
                options.Target, options.Client, kind, Text(sorted.Length), Text(p50, "F2"), Text(p99, "F2"), Text(mean, "F2"), toolCounts, Text(errors),
                Text(clientUs, "F0"), Text(daemonUs, "F0"));
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// The daemon's VmRSS with the sessions it has now, then with more and more open (<see cref="BenchOptions.Sessions"/>
    /// are the cumulative steps, e.g. 50,100; each session listed the tools once, so a group's holds a session with every
    /// member; <c>--warm 0</c>: only initialized), then after all closed. One line per step.
    /// </summary>
    public static async Task<int> HoldAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var pid = options.Pid ?? throw new ArgumentException("hold needs --pid (the daemon).");
        using var api = ApiClient();
        await Task.Delay(s_settle, cancellationToken);
        var before = CpuMeter.ReadRssKb(pid);
        var membersBefore = await MemberSessionsAsync(options, api, cancellationToken);

        var clients = new List<IEchoClient>();
        var steps = new List<(int Count, long Rss, string Members, TimeSpan Opening, int Failed)>();
        var failed = 0;
        try
        {
            foreach (var step in options.Sessions)
            {
                var clock = Stopwatch.StartNew();
                failed += await OpenAsync(options, step - clients.Count, clients, cancellationToken);
                var opening = clock.Elapsed;
                await Task.Delay(s_settle, cancellationToken);
                steps.Add((step, CpuMeter.ReadRssKb(pid), await MemberSessionsAsync(options, api, cancellationToken), opening, failed));
            }

            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
            clients.Clear();
            await Task.Delay(s_settle, cancellationToken);
            var after = CpuMeter.ReadRssKb(pid);
            var membersAfter = await MemberSessionsAsync(options, api, cancellationToken);

            var (fromCount, fromRss) = (0, before);
            foreach (var (count, rss, members, opening, failedSoFar) in steps)
            {
                var perSession = (rss - fromRss) / (double)(count - fromCount);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{options.Target,-14} {fromCount} -> {count} sessions (opened and listed in {opening.TotalSeconds:F1} s, {failedSoFar} failed): daemon VmRSS {fromRss / 1024.0:F0} -> {rss / 1024.0:F0} MB, {perSession:F0} KB per session; member sessions {membersBefore} -> {members}; after closing all {after / 1024.0:F0} MB, member sessions {membersAfter}"));
                await AppendAsync(options, cancellationToken,
                    options.Target, options.Client, Text(count), Text(fromRss), Text(rss), Text(perSession, "F0"), membersBefore, members,
                    Text(after), membersAfter, Text(opening.TotalSeconds, "F1"), Text(failedSoFar), Text(fromCount));
                (fromCount, fromRss) = (count, rss);
            }

            return failed == 0 ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Opens <paramref name="count"/> more sessions, 8 at a time, each listing once (unless --warm 0); how many failed.</summary>
    private static async Task<int> OpenAsync(BenchOptions options, int count, List<IEchoClient> clients, CancellationToken cancellationToken)
    {
        using var opening = new SemaphoreSlim(8);
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await opening.WaitAsync(cancellationToken);
            try
            {
                var client = await Runs.ConnectHttpAsync(options, options.Url!, cancellationToken);
                lock (clients)
                {
                    clients.Add(client);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(s_callTimeout);
                if (options.Warm > 0 && await client.ListToolsAsync(timeout.Token) <= 0)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                opening.Release();
            }
        }));
        return failed;
    }

    /// <summary>The group's member_sessions from its details ("-" without --api and --group).</summary>
    private static async Task<string> MemberSessionsAsync(BenchOptions options, HttpClient? api, CancellationToken cancellationToken)
    {
        if (api is null || options.Api is null || options.Group is null)
        {
            return "-";
        }

        var url = new Uri(options.Api, $"/api/v1beta/groups/{Uri.EscapeDataString(options.Group)}");
        try
        {
            await using var body = await api.GetStreamAsync(url, cancellationToken);
            using var details = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return details.RootElement.GetProperty("member_sessions").GetInt32().ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException ex)
        {
            // The group's details list its members through sessions of their own: a saturated group may fail to.
            Console.WriteLine($"GET {url.AbsolutePath} failed: {ex.Message}");
            return "error";
        }
    }

    /// <summary>The daemon's API client; the token comes from the environment (never the command line).</summary>
    private static HttpClient? ApiClient()
    {
        if (Environment.GetEnvironmentVariable("TOOLSHED_API_TOKEN") is not { Length: > 0 } token)
        {
            return null;
        }

        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task AppendAsync(BenchOptions options, CancellationToken cancellationToken, params string[] fields)
    {
        if (options.Output is { } file)
        {
            await File.AppendAllTextAsync(file, string.Join('\t', fields) + "\n", cancellationToken);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
