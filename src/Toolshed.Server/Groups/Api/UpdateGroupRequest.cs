using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>`PUT /api/v1beta/groups/{name}`: how the group names what its members offer; absent fields stay.</summary>
[Description("A change of a group's naming")]
public sealed record UpdateGroupRequest
{
    [JsonPropertyName("conflicts"), Description("prefix, priority or manual")]
    public string? Conflicts { get; init; }

    [JsonPropertyName("optimizer"), Description("Show find_tool and call_tool instead of every tool (true), or every tool (false)")]
    public bool? Optimizer { get; init; }

    [JsonPropertyName("renames"), Description("Replaces every explicit name (an empty list removes them)")]
    public IReadOnlyList<GroupRenameOptions>? Renames { get; init; }
}
