namespace Toolshed.Proxy.Authz;

/// <summary>
/// Decides whether a caller may perform one MCP action. The proxy asks before forwarding tools/call, prompts/get and
/// resources/read (a deny answers HTTP 403 with a JSON-RPC error). tools/list, prompts/list and resources/list are
/// always forwarded and their answers filtered: the list action is asked first (a deny withholds every item, so deny
/// a list only when it is meant to be hidden whole — <see cref="CedarCallAuthorizer"/> does only on an explicit
/// forbid), then each item's call action (call_tool, get_prompt, read_resource) with its name or URI and no arguments.
/// Implementations must be thread-safe and quick; they run on the request path.
/// </summary>
public interface IMcpCallAuthorizer
{
    McpCallDecision Authorize(McpCallContext context);
}
