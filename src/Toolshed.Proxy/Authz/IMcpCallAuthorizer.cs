namespace Toolshed.Proxy.Authz;

/// <summary>
/// Decides whether a caller may perform one MCP action. The proxy asks before forwarding tools/call, prompts/get and
/// resources/read (a deny answers HTTP 403 with a JSON-RPC error), and filters tools/list, prompts/list and
/// resources/list answers with it: the list action first, then the matching call action for each item.
/// Implementations must be thread-safe and quick; they run on the request path.
/// </summary>
public interface IMcpCallAuthorizer
{
    McpCallDecision Authorize(McpCallContext context);
}
