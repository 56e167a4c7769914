using System.Text.Json.Serialization;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>The last document an added registry loaded, and when: what is served while its source cannot be read.</summary>
internal sealed record RegistryCopy
{
    [JsonPropertyName("saved_at")]
    public DateTimeOffset SavedAt { get; init; }

    [JsonPropertyName("document")]
    public RegistryDocument Document { get; init; } = new();
}
