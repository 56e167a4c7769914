using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>`POST /api/v1beta/groups/{name}/members`: a workload joins the group, last in its order.</summary>
[Description("A workload to add to a group")]
public sealed record AddGroupMemberRequest
{
    [JsonPropertyName("name"), Description("The workload's name")]
    public string? Name { get; init; }
}
