using System.Text.Json.Serialization;

namespace Toolshed.Core.Secrets;

/// <summary>Source-generated JSON for the store's decrypted body.</summary>
[JsonSerializable(typeof(SecretStorePayload))]
internal sealed partial class SecretStoreJsonContext : JsonSerializerContext;
