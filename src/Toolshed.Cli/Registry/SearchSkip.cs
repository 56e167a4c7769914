using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>A registry the daemon could not search, and why.</summary>
public sealed record SearchSkip([property: JsonPropertyName("registry")] string Registry, [property: JsonPropertyName("error")] string Error);
