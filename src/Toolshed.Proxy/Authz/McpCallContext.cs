using System.Text.Json;
using Toolshed.Authorization;

namespace Toolshed.Proxy.Authz;

/// <summary>One thing a caller wants to do, as an <see cref="IMcpCallAuthorizer"/> sees it.</summary>
public sealed record McpCallContext
{
    private static readonly Dictionary<string, JsonElement> s_empty = [];

    public required string WorkloadName { get; init; }

    public required McpAction Action { get; init; }

    /// <summary>The MCP method of the request (for a listed item, the list method).</summary>
    public required string Method { get; init; }

    /// <summary>The token's sub claim; null when the workload has no OIDC or the token has none.</summary>
    public string? Subject { get; init; }

    /// <summary>Every claim of the validated token, by name; empty without OIDC.</summary>
    public IReadOnlyDictionary<string, JsonElement> Claims { get; init; } = s_empty;

    /// <summary>The tool or prompt name, or the resource URI; null for list actions themselves.</summary>
    public string? Target { get; init; }

    /// <summary>The call's arguments (tools/call, prompts/get); empty otherwise.</summary>
    public IReadOnlyDictionary<string, JsonElement> Arguments { get; init; } = s_empty;
}
