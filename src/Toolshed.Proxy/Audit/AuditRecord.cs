using System.Text.Json.Serialization;

namespace Toolshed.Proxy.Audit;

/// <summary>One line of a workload's audit log: one MCP request the proxy handled, or one lifecycle decision the
/// daemon made about the workload (method <c>toolshed/create</c> …). Never holds a token.</summary>
public sealed record AuditRecord
{
    [JsonPropertyName("time")]
    public required DateTimeOffset Time { get; init; }

    [JsonPropertyName("workload")]
    public required string Workload { get; init; }

    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The tool or prompt name, or the resource URI.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>On a group's audit log: the member workload the request went to.</summary>
    [JsonPropertyName("member")]
    public string? Member { get; init; }

    /// <summary>On a group's audit log: the tool or prompt's name at the member, when the group shows it under another.</summary>
    [JsonPropertyName("member_name")]
    public string? MemberName { get; init; }

    /// <summary>The MCP revision the request was made in: 2026-07-28 for a stateless (modern) request, else its
    /// session's (2025-11-25 …, 2024-11-05 for the legacy SSE transport).</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    /// <summary>allow, deny, or none when no authorizer is configured.</summary>
    [JsonPropertyName("decision")]
    public required string Decision { get; init; }

    /// <summary>
    /// success, error (the server or the proxy answered with a JSON-RPC error), denied, not_processed, or unauthenticated
    /// (no valid token: 401 before the body was read; <see cref="Method"/> is then the HTTP method and path). For a forwarded
    /// request (see <see cref="HttpStatus"/>): success when the server answered the HTTP request with 2xx, error otherwise.
    /// </summary>
    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    [JsonPropertyName("error_code")]
    public int? ErrorCode { get; init; }

    /// <summary>
    /// The HTTP status the MCP server answered a forwarded request with; only on lines of requests the proxy forwarded
    /// (the server's own transport of an HTTP workload without a policy), absent when the server did not answer.
    /// </summary>
    [JsonPropertyName("http_status")]
    public int? HttpStatus { get; init; }

    /// <summary>The caller's address; only on lines of requests refused for want of a valid token.</summary>
    [JsonPropertyName("remote")]
    public string? Remote { get; init; }

    /// <summary>How many refused-request lines were dropped (rate limit) since the previous one written.</summary>
    [JsonPropertyName("suppressed")]
    public int? Suppressed { get; init; }

    [JsonPropertyName("duration_ms")]
    public double DurationMs { get; init; }

    /// <summary>What the daemon itself did or allowed, on lines it writes about the workload's lifecycle (method
    /// <c>toolshed/…</c>), e.g. a sensitive mount accepted because the request asked for it.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    /// <summary>The trace the request's span belongs to (32 hex digits), when the daemon records traces: the one the
    /// client's <c>_meta.traceparent</c> named, else a new one.</summary>
    [JsonPropertyName("trace_id")]
    public string? TraceId { get; init; }

    /// <summary>The call's arguments as JSON, truncated; only when argument auditing is on.</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; init; }
}
