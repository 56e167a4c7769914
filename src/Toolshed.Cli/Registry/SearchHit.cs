using System.Text.Json.Serialization;

namespace Toolshed.Cli.Registry;

/// <summary>One result of `shed search`: a server and the registry it came from.</summary>
public sealed record SearchHit(
    [property: JsonPropertyName("registry")] string Registry,
    [property: JsonPropertyName("server")] RegistryServerView Server);
