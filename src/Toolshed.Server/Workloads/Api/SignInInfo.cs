using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>Where a remote workload's sign-in stands (GET /api/v1beta/servers/{name}/auth); never a token.</summary>
public sealed record SignInInfo
{
    /// <summary>not_required, signed_in or needs_sign_in.</summary>
    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonPropertyName("issuer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Issuer { get; init; }

    [JsonPropertyName("scope")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; init; }

    [JsonPropertyName("expires_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether a browser sign-in is waiting for its redirect.</summary>
    [JsonPropertyName("pending")]
    public bool Pending { get; init; }
}
