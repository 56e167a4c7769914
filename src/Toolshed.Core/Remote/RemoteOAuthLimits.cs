namespace Toolshed.Core.Remote;

/// <summary>What an OAuth setting for a remote may be, wherever it comes from (a create request, a registry entry).</summary>
public static class RemoteOAuthLimits
{
    public const int MaxScopes = 64;
    public const int MaxScopeLength = 256;

    /// <summary>0 (any free port) or an unprivileged port.</summary>
    public static bool IsCallbackPort(int? port) => port is null or 0 or (>= 1024 and <= 65535);

    /// <summary>At most 64 scope names, each 1-256 characters without spaces, quotes, backslashes or control characters.</summary>
    public static bool AreScopes(IReadOnlyList<string>? scopes) =>
        scopes is null
        || (scopes.Count <= MaxScopes
            && scopes.All(s => !string.IsNullOrWhiteSpace(s) && s.Length <= MaxScopeLength && !s.Any(c => c is ' ' or '"' or '\\' || char.IsControl(c))));
}
