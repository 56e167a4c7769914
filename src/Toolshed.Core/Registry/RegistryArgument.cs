using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Toolshed.Core.Registry;

/// <summary>
/// A <c>{name}</c> placeholder in a registry entry's <c>args</c> (from an MCP Registry package's arguments): filled at
/// create time from the request's <c>registry_arguments</c> (<c>shed run --arg name=value</c>), else its default; a
/// required one without either is refused. Each filled value stays inside its one argv element. A Toolshed extension.
/// </summary>
public sealed partial record RegistryArgument
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    [JsonPropertyName("default")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Default { get; init; }

    /// <summary>How a placeholder is written in an argument: <c>{name}</c>, the name in group 1.</summary>
    [GeneratedRegex(@"\{([A-Za-z0-9_.-]+)\}")]
    public static partial Regex Placeholder();
}
