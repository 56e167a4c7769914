using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// A client request the server has not answered yet, as the <see cref="NotificationRouter"/> sees it: whose it is, the
/// stream its answer goes to, and its place in the order requests were sent (higher is later).
/// </summary>
internal readonly record struct InFlightRequest(McpSession Session, MessageSink Sink, long Order);
