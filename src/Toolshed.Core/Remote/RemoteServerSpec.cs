using Toolshed.Core.Workloads;

namespace Toolshed.Core.Remote;

/// <summary>
/// What a remote workload connects to: an MCP server someone else hosts, reached at <see cref="Url"/> with the headers
/// and the OAuth client the user asked for. Holds secret references (in header templates and the OAuth client secret),
/// never secret values or tokens, so it is safe to persist and to show.
/// </summary>
public sealed record RemoteServerSpec
{
    /// <summary>The remote's MCP endpoint, e.g. https://mcp.example.com/mcp (https, or http on loopback).</summary>
    public required Uri Url { get; init; }

    /// <summary>The remote's transport when the user named one; null detects it on every connect (Streamable HTTP
    /// first, then legacy SSE, as the MCP specification's backwards-compatibility section says).</summary>
    public McpTransport? Transport { get; init; }

    /// <summary>Headers sent with every request to the remote; values may reference secrets (<c>{secret:NAME}</c>).</summary>
    public IReadOnlyList<RemoteHeader> Headers { get; init; } = [];

    /// <summary>How Toolshed signs in when the remote answers 401; null uses discovery and dynamic registration.</summary>
    public RemoteOAuthSettings? OAuth { get; init; }

    /// <summary>
    /// Whether the remote's own address is guarded too (no loopback, private or link-local address unless
    /// <see cref="RemoteOAuthSettings.AllowedPrivateHosts"/> names it): set for an entry of a registry other than the
    /// built-in one, whose URL the user did not type. A URL the user gave may point anywhere they choose.
    /// </summary>
    public bool GuardOwnAddress { get; init; }
}
