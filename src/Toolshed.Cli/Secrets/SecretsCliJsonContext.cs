using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Toolshed.Server.Secrets.Api;

namespace Toolshed.Cli.Secrets;

/// <summary>Source-generated JSON for the secrets verbs: the API's own request and response types.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SecretListResponse))]
[JsonSerializable(typeof(SecretValueResponse))]
[JsonSerializable(typeof(SetSecretRequest))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class SecretsCliJsonContext : JsonSerializerContext;
