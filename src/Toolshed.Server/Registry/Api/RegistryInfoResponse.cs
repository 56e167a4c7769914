using System.ComponentModel;
using System.Text.Json.Serialization;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry.Api;

/// <summary>GET /api/v1beta/registry/{name}: the registry document with its summary fields, as in the API reference.</summary>
[Description("Registry details")]
public sealed record RegistryInfoResponse
{
    [JsonPropertyName("last_updated")]
    public required string LastUpdated { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("registry")]
    public required RegistryDocument Registry { get; init; }

    [JsonPropertyName("server_count")]
    public required int ServerCount { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    public static RegistryInfoResponse From(RegistryInfo registry) => new()
    {
        LastUpdated = registry.Document.LastUpdated,
        Name = registry.Name,
        Registry = registry.Document,
        ServerCount = registry.ServerCount,
        Version = registry.Document.Version,
    };
}
