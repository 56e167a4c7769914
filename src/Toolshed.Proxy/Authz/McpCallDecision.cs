namespace Toolshed.Proxy.Authz;

/// <summary>What an <see cref="IMcpCallAuthorizer"/> decided. Deny is the default value.</summary>
public enum McpCallDecision
{
    Deny,
    Allow,
}
