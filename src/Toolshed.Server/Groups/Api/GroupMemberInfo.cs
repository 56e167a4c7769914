using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>One member as a group sees it.</summary>
[Description("A group member")]
public sealed record GroupMemberInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("state"), Description("running, stopped, starting, or missing (the workload was removed)")]
    public required string State { get; init; }

    [JsonPropertyName("url"), Description("The member's own MCP endpoint")]
    public string? Url { get; init; }
}
