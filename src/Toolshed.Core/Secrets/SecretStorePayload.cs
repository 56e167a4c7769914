using System.Text.Json.Serialization;

namespace Toolshed.Core.Secrets;

/// <summary>The decrypted body of the store: secret name → value.</summary>
internal sealed record SecretStorePayload
{
    [JsonPropertyName("secrets")]
    public SortedDictionary<string, string> Secrets { get; init; } = new(StringComparer.Ordinal);
}
