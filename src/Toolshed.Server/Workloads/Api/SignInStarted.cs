using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>POST /api/v1beta/servers/{name}/auth/login: where to send the user's browser, and until when the daemon
/// waits on the loopback redirect for it to come back.</summary>
public sealed record SignInStarted
{
    [JsonPropertyName("authorization_url")]
    public required string AuthorizationUrl { get; init; }

    [JsonPropertyName("redirect_uri")]
    public required string RedirectUri { get; init; }

    [JsonPropertyName("expires_at")]
    public required DateTimeOffset ExpiresAt { get; init; }
}
