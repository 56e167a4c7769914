using ModelContextProtocol;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>Records the progress one call reports, in order, as the client hands it over (no SynchronizationContext
/// hop, unlike <see cref="Progress{T}"/>), and lets a test wait for a number of reports. <paramref name="sequence"/>
/// numbers events across calls, so a test can tell what happened before what without a clock.</summary>
internal sealed class ProgressLog(Func<long> sequence) : IProgress<ProgressNotificationValue>
{
    private readonly Lock _gate = new();
    private readonly List<ProgressNotificationValue> _seen = [];
    private readonly SemaphoreSlim _reported = new(0);

    public IReadOnlyList<ProgressNotificationValue> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Where in the sequence the first report came; 0 before it.</summary>
    public long FirstReport { get; private set; }

    public void Report(ProgressNotificationValue value)
    {
        lock (_gate)
        {
            if (_seen.Count == 0)
            {
                FirstReport = sequence();
            }

            _seen.Add(value);
        }

        _reported.Release();
    }

    /// <summary>Waits until at least <paramref name="count"/> reports came, or fails after <paramref name="limit"/>.</summary>
    public async Task WaitForAsync(int count, TimeSpan limit, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            while (Seen.Count < count)
            {
                await _reported.WaitAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{what}: {Seen.Count} of {count} progress reports within {limit.TotalSeconds} s");
        }
    }
}
