using System.Net.Http.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.Remote;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// Which client Toolshed signs in as, in the MCP authorization specification's order: a client the user registered
/// beforehand (with its secret from the store), the client registered earlier for the same server and redirect, a
/// Client ID Metadata Document URL where the server supports those, else Dynamic Client Registration (RFC 7591) as a
/// native public client using PKCE.
/// </summary>
internal static class OAuthClientRegistration
{
    public static async Task<(string ClientId, string? ClientSecret)> ChooseAsync(
        OAuthHttp http,
        OAuthEndpoints endpoints,
        RemoteOAuthSettings? settings,
        OAuthGrant? earlier,
        string redirectUri,
        string workload,
        OAuthGrantStore store,
        CancellationToken cancellationToken)
    {
        if (settings?.ClientId is { } clientId)
        {
            var secret = settings.ClientSecretName is { } name
                ? await store.GetSecretAsync(name, cancellationToken)
                    ?? throw new InvalidInputException(
                        $"The secret '{name}' holding the OAuth client secret does not exist. Create it with `shed secret set {name}`.", "oauth_config")
                : null;
            return (clientId, secret);
        }

        if (earlier is not null && earlier.Issuer == endpoints.Issuer && earlier.RedirectUri == redirectUri)
        {
            return (earlier.ClientId, earlier.ClientSecret);
        }

        if (settings?.ClientMetadataUrl is { } documentUrl && endpoints.ClientIdMetadataDocumentSupported)
        {
            return (documentUrl.ToString(), null);
        }

        if (endpoints.RegistrationEndpoint is not { } registration)
        {
            throw new RemoteServerException(
                $"The authorization server {endpoints.Issuer} offers no dynamic client registration{(settings?.ClientMetadataUrl is null ? "" : " and no client metadata documents")}.",
                $"Register a client there (redirect URI http://127.0.0.1:PORT/callback) and give its id: `shed run URL --oauth-client-id ID [--oauth-client-secret SECRET_NAME] --oauth-callback-port PORT`.");
        }

        var body = new ClientRegistrationRequest
        {
            ClientName = $"Toolshed ({workload})",
            RedirectUris = [redirectUri],
            Scope = endpoints.Scope,
        };
        ClientRegistrationResponse? response;
        int status;
        try
        {
            using var answer = await http.Client.PostAsJsonAsync(registration, body, OAuthJsonContext.Default.ClientRegistrationRequest, cancellationToken);
            status = (int)answer.StatusCode;
            response = await answer.Content.ReadFromJsonAsync(OAuthJsonContext.Default.ClientRegistrationResponse, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException
                                   or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RemoteServerException($"Could not register Toolshed as a client at {registration}: {ex.Message}", innerException: ex);
        }

        if (status is < 200 or > 299 || response?.ClientId is null)
        {
            throw new RemoteServerException(
                $"The authorization server {endpoints.Issuer} refused to register Toolshed as a client (HTTP {status}): {response?.Error}{(response?.ErrorDescription is { } d ? ": " + d : "")}.",
                "Register a client there yourself and give its id with --oauth-client-id.");
        }

        return (response.ClientId, response.ClientSecret);
    }
}
