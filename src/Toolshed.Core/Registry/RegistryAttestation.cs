using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>An attestation of a server image: its predicate type and the predicate itself (any JSON).</summary>
public sealed record RegistryAttestation
{
    [JsonPropertyName("predicate")]
    public JsonElement? Predicate { get; init; }

    [JsonPropertyName("predicate_type")]
    public string PredicateType { get; init; } = "";
}
