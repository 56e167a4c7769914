using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Stdio;

/// <summary>The session that answers one server→client request, and the stream the request travels on.</summary>
internal sealed record ServerRequestRoute(McpSession Session, MessageSink Sink);
