using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// A create request naming a remote registry server, as the request for its URL: the entry's transport, its headers
/// (the user's value for a header wins; a non-secret default fills one not given; a required one not given is refused
/// with the line to add) and its OAuth hints, each outranked by what the user gave.
/// </summary>
internal static class RegistryRemoteRequest
{
    // trusted: whether the entry's OAuth client id and callback port may be used, only the built-in registry's. A
    // registry anyone can publish could otherwise borrow a well-known client's identity at a real authorization server
    // and have its own remote receive the token; other registries' entries get dynamic registration.
    public static CreateServerRequest From(CreateServerRequest request, RegistryServer server, string reference, bool trusted)
    {
        var given = (request.Headers ?? []).Where(line => line is not null).ToList();
        var givenNames = new HashSet<string>(
            given.Select(line => line.Split(':', 2)[0].Trim()), StringComparer.OrdinalIgnoreCase);
        var headers = new List<string>(given);
        var missing = new List<RegistryHeader>();
        foreach (var header in server.Headers ?? [])
        {
            if (givenNames.Contains(header.Name))
            {
                continue;
            }

            if (header.Default.Length > 0 && !header.Secret && !header.Default.Contains("{secret:", StringComparison.Ordinal))
            {
                headers.Add($"{header.Name}: {header.Default}");
            }
            else if (header.Required)
            {
                missing.Add(header);
            }
        }

        if (missing.Count > 0)
        {
            var lines = missing.Select(h => $"--header '{h.Name}: {(h.Secret ? "{secret:NAME}" : "VALUE")}'"
                + (h.Description.Length > 0 ? $" ({h.Description})" : ""));
            throw new InvalidInputException(
                $"The registry server {reference} needs {(missing.Count == 1 ? "the header" : "these headers")}: {string.Join(", ", lines)}.",
                "headers",
                "Store a secret's value with `shed secret set NAME` and reference it as {secret:NAME}; in a create body, headers are \"Name: value\" lines.");
        }

        var hints = server.OAuthConfig;
        var oauth = request.OAuthConfig ?? (hints is null
            ? null
            : new OAuthConfigOptions
            {
                ClientId = trusted ? hints.ClientId : null,
                Scopes = hints.Scopes,
                CallbackPort = trusted ? hints.CallbackPort : null,
            });
        return request with
        {
            Image = null,
            Url = server.Url,
            Transport = request.Transport ?? server.Transport,
            Headers = headers.Count == 0 ? null : headers,
            OAuthConfig = oauth,
        };
    }
}
