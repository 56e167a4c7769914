using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>A name several members offer, and what the group did about it.</summary>
[Description("A name collision in a group")]
public sealed record GroupConflictInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("members")]
    public required IReadOnlyList<string> Members { get; init; }

    [JsonPropertyName("resolution"), Description("prefixed, kept by MEMBER, or unresolved (manual: the group refuses to list until renames settle it)")]
    public required string Resolution { get; init; }
}
