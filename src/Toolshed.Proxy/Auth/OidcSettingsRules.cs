using Toolshed.Core.Workloads;

namespace Toolshed.Proxy.Auth;

/// <summary>What makes OIDC settings usable: an absolute http(s) issuer, an audience, and a jwks_url that is one too.</summary>
public static class OidcSettingsRules
{
    /// <summary>Why <paramref name="settings"/> cannot be used, or null when they can.</summary>
    public static string? Check(OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!IsHttpUrl(settings.Issuer))
        {
            return "oidc.issuer must be the identity provider's absolute http(s) URL (e.g. https://id.example.com/realms/main).";
        }

        if (string.IsNullOrWhiteSpace(settings.Audience))
        {
            return "oidc.audience is required: the aud value tokens for this server carry.";
        }

        if (settings.JwksUrl is not null && !IsHttpUrl(settings.JwksUrl))
        {
            return "oidc.jwks_url must be an absolute http(s) URL, or left out to discover it from the issuer.";
        }

        return null;
    }

    /// <summary>Whether any field is set: an empty oidc object means no OIDC.</summary>
    public static bool IsRequested(OidcSettings? settings) =>
        settings is not null && (settings.Issuer ?? settings.Audience ?? settings.JwksUrl ?? settings.ClientId) is not null;

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
