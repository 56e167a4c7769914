using System.Text.Json.Serialization;
using Toolshed.Cli.Mcp;

namespace Toolshed.Cli.Commands;

/// <summary>What `shed run --format json` prints: where the new workload answers and how a client config names it.</summary>
public sealed record RunResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("sse_url")] string SseUrl,
    [property: JsonPropertyName("client_config")] McpClientConfig ClientConfig)
{
    /// <summary>The group the workload joined (`--group`), if any.</summary>
    [JsonPropertyName("group"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Group { get; init; }

    /// <summary>That group's Streamable HTTP endpoint, when it listens.</summary>
    [JsonPropertyName("group_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroupUrl { get; init; }
}
