using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// Riding out a reconnect: while <see cref="ReconnectGrace"/> is set (an HTTP upstream whose supervisor re-creates
/// channels), a client request that finds no initialized server waits, up to the grace, for the next attachment
/// instead of being told at once that the server is not running — unless the live one refused to initialize.
/// </summary>
internal sealed partial class StdioMultiplexer
{
    private TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a request may wait for a server to be (re)attached; zero (the default) waits not at all.</summary>
    public TimeSpan ReconnectGrace { get; set; }

    /// <summary>Wakes whoever waits for an attachment; called after every <see cref="Attach"/>.</summary>
    private void SignalAttached() => Interlocked.Exchange(ref _attached, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A live backend that answered initialize, and its result; null when none came within the grace.</summary>
    private async ValueTask<(BackendAttachment Backend, JsonObject Result)?> ReadyBackendAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ReconnectGrace;
        while (true)
        {
            var next = Volatile.Read(ref _attached).Task;
            if (LiveBackend is { } backend && await EnsureInitializedAsync(backend, cancellationToken) is { } result)
            {
                return (backend, result);
            }

            // A server that answered initialize with an error (a remote refusing its token) will not do better by waiting.
            if (LiveBackend is { InitializeRefusal: not null })
            {
                return null;
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await next.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }
}
