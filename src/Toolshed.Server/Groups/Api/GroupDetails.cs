using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>`GET /api/v1beta/groups/{name}`: a group with what it shows now, listed from its running members.</summary>
[Description("A group and what it shows")]
public sealed record GroupDetails : GroupSummary
{
    [JsonPropertyName("tools"), Description("The tools clients see, each with its member and its name there")]
    public required IReadOnlyList<GroupItemInfo> Tools { get; init; }

    [JsonPropertyName("prompts")]
    public required IReadOnlyList<GroupItemInfo> Prompts { get; init; }

    [JsonPropertyName("name_conflicts"), Description("Names two or more members offer, and how each was settled (prefixed, kept by MEMBER, unresolved)")]
    public required IReadOnlyList<GroupConflictInfo> NameConflicts { get; init; }

    [JsonPropertyName("unavailable"), Description("Running members that could not be listed, with the reason")]
    public required IReadOnlyDictionary<string, string> Unavailable { get; init; }

    [JsonPropertyName("sessions"), Description("Client sessions open with the group's endpoint")]
    public int Sessions { get; init; }

    [JsonPropertyName("member_sessions"), Description("Sessions the group holds open with its members, over all its clients")]
    public int MemberSessions { get; init; }
}
