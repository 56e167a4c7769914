using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>Every notification one client session received, with a way to wait for a particular one.</summary>
internal sealed class NotificationRecorder
{
    private readonly Lock _gate = new();
    private readonly List<JsonRpcNotification> _seen = [];
    private readonly List<(Func<JsonRpcNotification, bool> Matches, int Count, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<JsonNode?> Params(string method)
    {
        lock (_gate)
        {
            return _seen.Where(n => n.Method == method).Select(n => n.Params?.DeepClone()).ToList();
        }
    }

    public ValueTask OnNotification(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _seen.Add(notification);
            foreach (var waiter in _waiters.Where(w => _seen.Count(w.Matches) >= w.Count).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes once <paramref name="count"/> notifications of <paramref name="method"/> whose params match have arrived.</summary>
    public Task WaitForAsync(string method, Func<JsonNode?, bool>? matches = null, int count = 1)
    {
        bool Matches(JsonRpcNotification n) => n.Method == method && (matches is null || matches(n.Params));
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_seen.Count(Matches) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((Matches, count, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }
}
