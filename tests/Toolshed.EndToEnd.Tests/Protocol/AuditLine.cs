using System.Text.Json;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>Reads one line of a workload's audit log.</summary>
internal static class AuditLine
{
    public static string Method(JsonElement line) => line.GetProperty("method").GetString()!;

    public static bool Is(JsonElement line, string method, string? name = null) =>
        Method(line) == method && (name is null || (line.TryGetProperty("name", out var n) && n.GetString() == name));

    /// <summary>The HTTP status the server answered with; only lines of requests the proxy forwarded to the server's own transport have one.</summary>
    public static int? HttpStatus(JsonElement line) =>
        line.TryGetProperty("http_status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null;

    /// <summary>The MCP revision the request was made in, as the proxy saw it.</summary>
    public static string? Protocol(JsonElement line) =>
        line.TryGetProperty("protocol", out var protocol) && protocol.ValueKind == JsonValueKind.String ? protocol.GetString() : null;

    public static string Outcome(JsonElement line) => line.GetProperty("outcome").GetString()!;

    public static string Describe(IEnumerable<JsonElement> lines) => string.Join("\n", lines.Select(l => l.GetRawText()));
}
