using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>What clients see of one server tool instead: a new name, a new description, or both.</summary>
[Description("A tool's new name and/or description")]
public sealed record ToolOverrideOptions
{
    [JsonPropertyName("name"), Description("The name clients see and call the tool by")]
    public string? Name { get; init; }

    [JsonPropertyName("description"), Description("The description clients see")]
    public string? Description { get; init; }
}
