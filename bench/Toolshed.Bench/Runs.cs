using System.Diagnostics;
using System.Globalization;

namespace Toolshed.Bench;

/// <summary>The driver's modes: throughput over HTTP or stdio, and a single call per URL (lists and hold: <see cref="GroupRuns"/>).</summary>
internal static class Runs
{
    public static async Task<int> ThroughputAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"# {options.Target} ({options.Client} client): sessions {string.Join(',', options.Sessions)}, warm-up {options.WarmUp.TotalSeconds} s, measured {options.Duration.TotalSeconds} s");
        IEchoClient? shared = null;
        try
        {
            if (options.Mode == "stdio")
            {
                if (options.Command.Count == 0)
                {
                    throw new ArgumentException("stdio needs a command after --.");
                }

                // One connection: N "sessions" are N concurrent callers on it.
                shared = options.Client == "sdk"
                    ? await SdkEchoClient.ConnectStdioAsync(options.Command, cancellationToken)
                    : await RawStdioEchoClient.ConnectAsync(options.Command, cancellationToken);
            }

            foreach (var sessions in options.Sessions)
            {
                var clients = new List<IEchoClient>();
                try
                {
                    if (shared is not null)
                    {
                        clients.Add(shared);
                    }

                    LoopResult result;
                    try
                    {
                        if (shared is null)
                        {
                            var connecting = Enumerable.Range(0, sessions).Select(_ => ConnectHttpAsync(options, options.Url!, cancellationToken)).ToList();
                            try
                            {
                                clients.AddRange(await Task.WhenAll(connecting));
                            }
                            finally
                            {
                                // Sessions that did connect are closed even when others failed.
                                clients.AddRange(connecting.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result).Except(clients).ToList());
                            }
                        }

                        result = await ClosedLoop.RunAsync(clients, sessions, options.WarmUp, options.Duration, cancellationToken, new CpuMeter(options.Pid, options.PeerPid));
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        // A target that cannot even open its sessions is a result too, not the end of the run.
                        Console.WriteLine($"{options.Target,-14} sessions {sessions,3}: FAILED: {ex.GetType().Name}: {ex.Message}");
                        result = new LoopResult(sessions, 0, options.Duration.TotalSeconds, double.NaN, double.NaN, sessions);
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{options.Target,-14} sessions {sessions,3}: {result.CallsPerSecond,8:F0} calls/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  errors {result.Errors}  cpu/call client {result.ClientUsPerCall:F0} µs daemon {result.DaemonUsPerCall:F0} µs{(options.PeerPid is null ? "" : $" peer {result.PeerUsPerCall:F0} µs")}"));
                    if (options.Output is { } file)
                    {
                        // The peer's column comes last, so the columns before it stay where bench/run and bench/group read them.
                        var peer = options.PeerPid is null ? "" : "\t" + result.PeerUsPerCall.ToString("F0", CultureInfo.InvariantCulture);
                        await File.AppendAllTextAsync(file, result.ToTsv(options.Target, options.Client) + peer + "\n", cancellationToken);
                    }
                }
                finally
                {
                    if (shared is null)
                    {
                        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
                    }
                }
            }

            return 0;
        }
        finally
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
        }
    }

    public static async Task<int> TouchAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var url in options.Urls)
        {
            var clock = Stopwatch.StartNew();
            await using var client = await SdkEchoClient.ConnectHttpAsync(url, options.Tool, cancellationToken);
            var ok = await client.EchoAsync("touch", cancellationToken);
            failed += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{url}: {(ok ? "answered" : "FAILED")} in {clock.ElapsedMilliseconds} ms"));
        }

        return failed == 0 ? 0 : 1;
    }

    internal static Task<IEchoClient> ConnectHttpAsync(BenchOptions options, Uri url, CancellationToken cancellationToken) =>
        options.Client == "sdk"
            ? SdkEchoClient.ConnectHttpAsync(url, options.Tool, cancellationToken)
            : RawHttpEchoClient.ConnectAsync(url, options.Tool, cancellationToken);
}
