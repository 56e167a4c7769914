using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>A client request a group forwarded and awaits: the member it went to, where its answer and related
/// messages go, and how to cancel it.</summary>
internal sealed class InFlightRequest(string member, MessageSink sink, CancellationTokenSource cancellation)
{
    public string Member { get; } = member;

    public MessageSink Sink { get; } = sink;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    /// <summary>The client itself cancelled it (rather than the group's timeout).</summary>
    public volatile bool CancelledByClient;
}
