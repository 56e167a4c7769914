using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry.Api;

/// <summary>A registry in GET /api/v1beta/registry and the body of a 201 from POST.</summary>
[Description("Registry summary")]
public sealed record RegistrySummary
{
    [JsonPropertyName("name"), Description("Registry name")]
    public required string Name { get; init; }

    [JsonPropertyName("version"), Description("Version of the registry document")]
    public required string Version { get; init; }

    [JsonPropertyName("last_updated"), Description("When the registry document was last updated")]
    public required string LastUpdated { get; init; }

    [JsonPropertyName("server_count"), Description("Number of servers in the registry")]
    public required int ServerCount { get; init; }

    public static RegistrySummary From(RegistryInfo registry) => new()
    {
        Name = registry.Name,
        Version = registry.Document.Version,
        LastUpdated = registry.Document.LastUpdated,
        ServerCount = registry.ServerCount,
    };
}
