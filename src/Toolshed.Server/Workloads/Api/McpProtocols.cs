using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>Which MCP revisions a workload's endpoint serves to clients, and which one its server itself speaks.</summary>
public sealed record McpProtocols
{
    /// <summary>What clients may speak to the endpoint, newest first: 2026-07-28 (stateless), then the 2025-era revisions.</summary>
    [JsonPropertyName("served")]
    public required IReadOnlyList<string> Served { get; init; }

    /// <summary>The revision the server agreed to at the proxy's initialize; null until it has answered one (an HTTP
    /// server's is known once the proxy has served a client through its own session).</summary>
    [JsonPropertyName("server")]
    public string? Server { get; init; }

    /// <summary>The served revisions the proxy translates for the server: 2026-07-28 when the server speaks a 2025-era
    /// one (stateless requests become requests on the proxy's own session with it), the 2025 ones when it speaks only
    /// 2026-07-28 (each session request gets the session's declarations in its <c>_meta</c>).</summary>
    [JsonPropertyName("translated")]
    public required IReadOnlyList<string> Translated { get; init; }

    private const string ModernVersion = "2026-07-28";

    public static McpProtocols Of(IReadOnlyList<string> served, string? server) => new()
    {
        Served = served,
        Server = server,
        Translated = server is null ? [] : server == ModernVersion ? [.. served.Where(v => v != ModernVersion)] : [ModernVersion],
    };
}
