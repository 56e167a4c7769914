using Toolshed.Authorization;

namespace Toolshed.Proxy.Authz;

/// <summary>
/// Decides MCP calls with a Cedar policy set, in ToolHive's model: principal <c>Client::"&lt;sub&gt;"</c> (or
/// <c>Client::"anonymous"</c> without a token), actions such as <c>call_tool</c>, resources such as <c>Tool::"name"</c>.
/// A call is allowed when a permit applies and no forbid does (Cedar's rule). A list action (<c>list_tools</c>, …) is
/// allowed unless a forbid that names it in its scope applies: as in ToolHive, a policy set needs no permit on lists,
/// whose items are then kept by their own call action.
/// </summary>
public sealed class CedarCallAuthorizer(ICedarAuthorizer policies) : IMcpCallAuthorizer
{
    public const string AnonymousSubject = "anonymous";

    public McpCallDecision Authorize(McpCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = McpAuthorizationRequests.Create(
            context.Action,
            context.Subject ?? AnonymousSubject,
            context.Claims,
            context.Target,
            context.Arguments);
        var decision = policies.IsAuthorized(request);
        var allowed = context.Action.ItemAction() is not null ? !decision.ForbidsActionExplicitly : decision.IsAllowed;
        return allowed ? McpCallDecision.Allow : McpCallDecision.Deny;
    }
}
