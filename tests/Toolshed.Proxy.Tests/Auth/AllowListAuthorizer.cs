using System.Collections.Concurrent;
using Toolshed.Authorization;
using Toolshed.Proxy.Authz;

namespace Toolshed.Proxy.Tests.Auth;

/// <summary>A hand-written authorizer: list actions allowed, calls allowed only for the named tools; it records what it was asked.</summary>
internal sealed class AllowListAuthorizer(params string[] tools) : IMcpCallAuthorizer
{
    public ConcurrentQueue<McpCallContext> Asked { get; } = new();

    public McpCallDecision Authorize(McpCallContext context)
    {
        Asked.Enqueue(context);
        return context.Action switch
        {
            McpAction.ListTools or McpAction.ListPrompts or McpAction.ListResources => McpCallDecision.Allow,
            McpAction.CallTool when context.Target is not null && tools.Contains(context.Target) => McpCallDecision.Allow,
            _ => McpCallDecision.Deny,
        };
    }
}
