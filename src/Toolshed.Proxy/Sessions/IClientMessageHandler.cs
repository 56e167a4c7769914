using System.Text.Json.Nodes;
using Toolshed.Proxy.Authz;

namespace Toolshed.Proxy.Sessions;

/// <summary>
/// What the client-facing transports hand each message to: the stdio bridge of one server, or the aggregator of a
/// group. A request always ends with exactly one response written to its sink.
/// </summary>
internal interface IClientMessageHandler
{
    ValueTask HandleClientMessageAsync(
        McpSession session, JsonObject message, MessageSink sink, McpCall? call, CancellationToken cancellationToken);
}
