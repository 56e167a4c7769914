using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Ui;

/// <summary>
/// The live list of workloads for the dashboard's event stream. While anyone listens, one loop (not one per listener)
/// takes a fresh list at every workload event and at least every <see cref="RefreshInterval"/> (a container can change
/// outside the daemon: it crashes, an engine restarts), and hands it to every listener when it differs from the last.
/// Listeners are bounded, and each keeps only the newest list: a slow page skips lists, it never queues them.
/// </summary>
internal sealed partial class WorkloadFeed(
    WorkloadManager workloads, WorkloadStore store, WorkloadChangeSignal signal, ILogger<WorkloadFeed> logger) : IAsyncDisposable
{
    public const int MaxListeners = 32;

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private string? _last;

    /// <summary>A new listener that gets the current list first; null when <see cref="MaxListeners"/> are open.</summary>
    public ChannelReader<string>? Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (_listeners.Count >= MaxListeners)
            {
                return null;
            }

            _listeners.Add(channel);
            if (_last is { } last)
            {
                channel.Writer.TryWrite(last);
            }

            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
        }

        _ = signal.Raise();
        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<string> reader)
    {
        lock (_gate)
        {
            _listeners.RemoveAll(c => c.Reader == reader);
            if (_listeners.Count == 0)
            {
                _last = null; // nobody saw what comes next: the next listener waits for a fresh list
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(RefreshInterval, cancellationToken);
                if (ListenerCount == 0)
                {
                    continue;
                }

                var list = await workloads.ListAsync(all: true, cancellationToken);
                var records = (await store.ListAsync(cancellationToken)).ToDictionary(r => r.Name, StringComparer.Ordinal);
                var rows = list.Select(w => records.TryGetValue(w.Name, out var r) ? new WorkloadRow(w, r.RestartCount, r.LastExitCode) : new WorkloadRow(w, 0, null));
                Publish(JsonSerializer.Serialize(new WorkloadRowsEvent([.. rows]), Api.ApiJsonContext.Default.WorkloadRowsEvent));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The engine may be restarting; the next round tries again.
                LogRefreshFailed(logger, e.Message);
            }
        }
    }

    private int ListenerCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    private void Publish(string json)
    {
        lock (_gate)
        {
            if (json == _last)
            {
                return;
            }

            _last = json;
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(json);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The dashboard's workload list could not be refreshed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
