using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry;

/// <summary>The content of <c>registries.json</c>: the registries the user added, in the order they were added.</summary>
internal sealed record RegistrySourcesFile
{
    [JsonPropertyName("registries")]
    public IReadOnlyList<RegistrySource> Registries { get; init; } = [];
}
