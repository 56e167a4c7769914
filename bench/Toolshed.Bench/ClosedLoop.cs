using System.Diagnostics;

namespace Toolshed.Bench;

/// <summary>
/// N workers, each calling `echo` on its client in a closed loop (next call when the last one answered). Calls that
/// start after the warm-up and end before the deadline are counted; every call has its own timeout and each worker
/// a cap on calls, so a loop never runs unbounded.
/// </summary>
internal static class ClosedLoop
{
    private const int MaxCallsPerWorker = 2_000_000;
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(15);

    public static async Task<LoopResult> RunAsync(
        IReadOnlyList<IEchoClient> clients, int workers, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken,
        CpuMeter? cpu = null)
    {
        var clock = Stopwatch.StartNew();
        // CPU is sampled at the window's edges, so the warm-up's session setup is not counted.
        var cpuWindow = cpu is null ? null : MeasureCpuAsync(cpu, warmUp, duration, cancellationToken);
        var measureFrom = warmUp;
        var measureTo = warmUp + duration;
        var tasks = new Task<WorkerResult>[workers];
        for (var w = 0; w < workers; w++)
        {
            var client = clients[w % clients.Count];
            var worker = w;
            tasks[w] = Task.Run(() => WorkAsync(client, worker, clock, measureFrom, measureTo, cancellationToken), cancellationToken);
        }

        var results = await Task.WhenAll(tasks);
        var latencies = results.SelectMany(r => r.LatencyTicks).ToArray();
        Array.Sort(latencies);
        var (clientCpu, daemonCpu, peerCpu) = cpuWindow is null ? default : await cpuWindow;
        double PerCall(TimeSpan spent, bool known) => known && latencies.Length > 0 ? spent.TotalMicroseconds / latencies.Length : double.NaN;
        return new LoopResult(
            workers,
            latencies.Length,
            duration.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            results.Sum(r => r.Errors))
        {
            ClientUsPerCall = PerCall(clientCpu, cpu is not null),
            DaemonUsPerCall = PerCall(daemonCpu, cpu?.HasDaemon == true),
            PeerUsPerCall = PerCall(peerCpu, cpu?.HasPeer == true),
        };
    }

    private static async Task<(TimeSpan Client, TimeSpan Daemon, TimeSpan Peer)> MeasureCpuAsync(
        CpuMeter cpu, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(warmUp, cancellationToken);
        var start = cpu.Sample();
        await Task.Delay(duration, cancellationToken);
        var end = cpu.Sample();
        return (end.Client - start.Client, end.Daemon - start.Daemon, end.Peer - start.Peer);
    }

    private static async Task<WorkerResult> WorkAsync(
        IEchoClient client, int worker, Stopwatch clock, TimeSpan measureFrom, TimeSpan measureTo, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(capacity: 1 << 16);
        var errors = 0;
        for (var i = 0; i < MaxCallsPerWorker; i++)
        {
            var start = clock.Elapsed;
            if (start >= measureTo)
            {
                break;
            }

            var message = $"w{worker}-{i}";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_callTimeout);
            var ok = false;
            try
            {
                ok = await client.EchoAsync(message, timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ok = false;
            }

            var end = clock.Elapsed;
            if (start >= measureFrom && end <= measureTo)
            {
                if (ok)
                {
                    latencies.Add((end - start).Ticks);
                }
                else
                {
                    errors++;
                }
            }
        }

        return new WorkerResult(latencies, errors);
    }

    internal static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return TimeSpan.FromTicks(sorted[Math.Clamp(index, 0, sorted.Length - 1)]).TotalMilliseconds;
    }

    private sealed record WorkerResult(List<long> LatencyTicks, int Errors);
}
