namespace Toolshed.Core.Workloads;

/// <summary>OIDC bearer-token validation settings for a workload's proxy.</summary>
public sealed record OidcSettings
{
    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    public string? JwksUrl { get; init; }

    public string? ClientId { get; init; }
}
