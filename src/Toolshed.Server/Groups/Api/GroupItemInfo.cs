using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>A tool or prompt a group shows: the name clients use, and where it lives.</summary>
[Description("A tool or prompt of a group")]
public sealed record GroupItemInfo
{
    [JsonPropertyName("name"), Description("The name the group's clients use")]
    public required string Name { get; init; }

    [JsonPropertyName("member")]
    public required string Member { get; init; }

    [JsonPropertyName("member_name"), Description("Its name at the member")]
    public required string MemberName { get; init; }
}
