using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>Records the <c>total</c> of every progress notification a client session receives.</summary>
internal sealed class ProgressRecorder(int expected)
{
    private readonly ConcurrentQueue<int> _totals = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int[] Totals => [.. _totals];

    public Task Reached => _reached.Task;

    public ValueTask OnNotification(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        var total = notification.Params?["total"]?.GetValue<double>() ?? -1;
        _totals.Enqueue((int)total);
        if (_totals.Count >= expected)
        {
            _reached.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }
}
