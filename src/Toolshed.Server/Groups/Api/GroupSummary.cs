using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>A group, its endpoint and its members, as lists and changes answer with it.</summary>
[Description("A group")]
public record GroupSummary
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("conflicts"), Description("prefix, priority or manual")]
    public required string Conflicts { get; init; }

    [JsonPropertyName("optimizer"), Description("Whether clients see find_tool and call_tool instead of every tool")]
    public bool Optimizer { get; init; }

    [JsonPropertyName("host")]
    public required string Host { get; init; }

    [JsonPropertyName("port"), Description("The port of the group's endpoint; 0 when it could not listen")]
    public required int Port { get; init; }

    [JsonPropertyName("url"), Description("The group's Streamable HTTP endpoint: the one URL to give a client")]
    public string? Url { get; init; }

    [JsonPropertyName("sse_url"), Description("The group's legacy SSE endpoint")]
    public string? SseUrl { get; init; }

    [JsonPropertyName("members"), Description("In the group's order")]
    public required IReadOnlyList<GroupMemberInfo> Members { get; init; }

    [JsonPropertyName("renames")]
    public required IReadOnlyList<GroupRenameOptions> Renames { get; init; }
}
