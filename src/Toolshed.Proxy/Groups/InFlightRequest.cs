using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>A client request a group forwarded and awaits: the member it went to, where its answer and related
/// messages go, and how to cancel it.</summary>
internal sealed class InFlightRequest(string member, MessageSink sink, CancellationTokenSource cancellation)
{
    private volatile bool _cancelledByClient;

    public string Member { get; } = member;

    public MessageSink Sink { get; } = sink;

    public CancellationToken Token => cancellation.Token;

    /// <summary>The client itself cancelled it (rather than the group's timeout or its session's end).</summary>
    public bool CancelledByClient => _cancelledByClient;

    /// <summary>Cancels it; harmless when it finished (and its token source went) meanwhile.</summary>
    public void Cancel(bool byClient)
    {
        _cancelledByClient |= byClient;
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
