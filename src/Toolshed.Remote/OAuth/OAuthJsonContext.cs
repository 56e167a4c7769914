using System.Text.Json.Serialization;

namespace Toolshed.Remote.OAuth;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 16)]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
[JsonSerializable(typeof(AuthorizationServerMetadata))]
[JsonSerializable(typeof(OAuthGrant))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext;
