using System.Text.Json.Serialization;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry.Api;

/// <summary>One search result: run it as <c>registry/server</c>.</summary>
public sealed record RegistrySearchHit(
    [property: JsonPropertyName("registry")] string Registry,
    [property: JsonPropertyName("server")] RegistryServer Server);
