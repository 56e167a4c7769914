using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>Every notification one client session received, with a way to wait for a particular one.</summary>
internal sealed class NotificationRecorder
{
    private readonly Lock _gate = new();
    private readonly List<JsonRpcNotification> _seen = [];
    private readonly List<(Func<JsonRpcNotification, bool> Matches, TaskCompletionSource Seen)> _waiters = [];

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
            foreach (var waiter in _waiters.Where(w => w.Matches(notification)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes once a notification of <paramref name="method"/> whose params match has arrived (or had).</summary>
    public Task WaitForAsync(string method, Func<JsonNode?, bool>? matches = null)
    {
        bool Matches(JsonRpcNotification n) => n.Method == method && (matches is null || matches(n.Params));
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_seen.Any(Matches))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((Matches, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }
}
