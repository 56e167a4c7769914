using System.Text.Json.Serialization;

namespace Toolshed.Server.Secrets.Api;

/// <summary>Source-generated JSON for the secrets endpoints.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SecretListResponse))]
[JsonSerializable(typeof(SecretValueResponse))]
[JsonSerializable(typeof(SetSecretRequest))]
internal sealed partial class SecretsApiJsonContext : JsonSerializerContext;
