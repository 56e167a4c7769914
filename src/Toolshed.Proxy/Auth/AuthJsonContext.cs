using System.Text.Json.Serialization;

namespace Toolshed.Proxy.Auth;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
[JsonSerializable(typeof(AuthErrorBody))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
