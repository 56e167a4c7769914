using System.Text.Json.Serialization;

namespace Toolshed.Server.Secrets.Api;

/// <summary>One entry of GET /api/v1beta/secrets: a name, never a value.</summary>
public sealed record SecretSummary([property: JsonPropertyName("name")] string Name);
