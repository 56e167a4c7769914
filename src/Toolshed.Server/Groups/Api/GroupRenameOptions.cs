using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Groups.Api;

/// <summary>One explicit name in a group: the member's tool or prompt shown under another name.</summary>
[Description("A member's tool or prompt shown under another name")]
public sealed record GroupRenameOptions
{
    [JsonPropertyName("member"), Description("The member workload")]
    public string? Member { get; init; }

    [JsonPropertyName("name"), Description("The tool or prompt name at the member")]
    public string? Name { get; init; }

    [JsonPropertyName("as"), Description("The name the group's clients see")]
    public string? As { get; init; }
}
