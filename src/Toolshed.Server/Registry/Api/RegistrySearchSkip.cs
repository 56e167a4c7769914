using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry.Api;

/// <summary>A registry a search could not look in, and why (its source could not be loaded).</summary>
public sealed record RegistrySearchSkip(
    [property: JsonPropertyName("registry")] string Registry,
    [property: JsonPropertyName("error")] string Error);
