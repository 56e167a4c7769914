using ModelContextProtocol;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>Counts progress reports synchronously and signals when the expected number arrived.</summary>
internal sealed class CountingProgress(int expected) : IProgress<ProgressNotificationValue>
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task Reached => _reached.Task;

    public void Report(ProgressNotificationValue value)
    {
        if (Interlocked.Increment(ref _count) >= expected)
        {
            _reached.TrySetResult();
        }
    }
}
