using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>
/// `GET/PUT /api/v1beta/servers/{name}/tools`: which of the server's tools clients see and under what names.
/// Overrides apply first (keyed by the server's own names), then the allow-list on the names clients see.
/// </summary>
[Description("Tool filter and overrides")]
public sealed record ToolsConfig
{
    [JsonPropertyName("tools"), Description("The tools clients see, by the name they see (absent or null: all)")]
    public IReadOnlyList<string>? Tools { get; init; }

    [JsonPropertyName("tools_override"), Description("Per server tool name, the name and/or description clients see instead")]
    public IReadOnlyDictionary<string, ToolOverrideOptions>? ToolsOverride { get; init; }
}
