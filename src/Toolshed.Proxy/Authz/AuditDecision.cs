namespace Toolshed.Proxy.Authz;

/// <summary>The decision values audit lines carry.</summary>
internal static class AuditDecision
{
    public const string Allow = "allow";
    public const string Deny = "deny";

    /// <summary>No authorizer is configured, or the method is not one that is authorized.</summary>
    public const string None = "none";
}
