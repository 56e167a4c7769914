using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>A remote workload's server (a Toolshed extension of the server details): header names only, never values.</summary>
public sealed record RemoteInfo
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>The transport the remote speaks: the one asked for, else the one detected at the last connect.</summary>
    [JsonPropertyName("transport")]
    public required string Transport { get; init; }

    /// <summary>Whether the transport is detected on each connect (none was given).</summary>
    [JsonPropertyName("transport_detected")]
    public bool TransportDetected { get; init; }

    [JsonPropertyName("header_names")]
    public IReadOnlyList<string> HeaderNames { get; init; } = [];

    [JsonPropertyName("oauth_config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OAuthConfigOptions? OAuthConfig { get; init; }

    [JsonPropertyName("sign_in")]
    public required SignInInfo SignIn { get; init; }
}
