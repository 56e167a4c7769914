using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>`GET /api/v1beta/groups`.</summary>
public sealed record GroupListResponse
{
    [JsonPropertyName("groups")]
    public required IReadOnlyList<GroupSummary> Groups { get; init; }
}
