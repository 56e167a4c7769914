using Toolshed.Core.Errors;
using Toolshed.Core.Remote;
using Toolshed.Core.Workloads;

namespace Toolshed.Core.Registry;

/// <summary>
/// The rules for a remote server's registry entry: a URL Toolshed will connect to (https, or http on loopback), a
/// remote transport, headers Toolshed may send, and OAuth hints within the limits a create request has.
/// </summary>
internal static class RegistryRemoteValidator
{
    public static RegistryServer Validate(string name, RegistryServer? server, string source, string section)
    {
        if (!RegistryNames.IsValid(name))
        {
            throw Invalid("", $"is not a valid server name: use {RegistryNames.Rule}.");
        }

        if (server is null)
        {
            throw Invalid("", "is null; describe the remote server as an object with at least \"url\".");
        }

        Uri.TryCreate(server.Url?.Trim(), UriKind.Absolute, out var url);
        if (RemoteUrlRules.Problem(url) is { } problem)
        {
            throw Invalid("url", $"has the url '{server.Url}', which Toolshed cannot connect to: {problem}.");
        }

        if (!string.IsNullOrWhiteSpace(server.Image))
        {
            throw Invalid("image", "has both a url and an image; a remote server runs elsewhere, so give one of them.");
        }

        var transportName = string.IsNullOrWhiteSpace(server.Transport) || server.Transport == McpTransportNames.Stdio
            ? McpTransportNames.StreamableHttp
            : server.Transport;
        if (!McpTransportNames.TryParse(transportName, out var transport) || transport == McpTransport.Stdio)
        {
            throw Invalid("transport",
                $"has the transport '{server.Transport}', which is not a remote's; use {McpTransportNames.StreamableHttp} or {McpTransportNames.Sse}.");
        }

        var headers = (server.Headers ?? []).ToList();
        if (headers.Count > HeaderTemplate.MaxHeaders)
        {
            throw Invalid("headers", $"lists {headers.Count} headers; a remote takes at most {HeaderTemplate.MaxHeaders}.");
        }

        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i] ?? throw Invalid($"headers[{i}]", "has a null header.");
            try
            {
                // A default is sent as written, so it may not reference stored secrets: the entry is not the user's.
                HeaderTemplate.Validate(new RemoteHeader(header.Name ?? "", header.Secret ? "" : header.Default ?? ""), $"headers[{i}]");
            }
            catch (InvalidInputException ex)
            {
                throw Invalid($"headers[{i}]", $"has a header Toolshed cannot send: {ex.Message}");
            }

            if ((header.Default ?? "").Contains("{secret:", StringComparison.Ordinal))
            {
                throw Invalid($"headers[{i}].default", "references a stored secret; only the user's own headers may.");
            }

            headers[i] = header with { Description = header.Description ?? "", Default = header.Secret ? "" : header.Default ?? "" };
        }

        if (headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Invalid("headers", $"lists the header {twice.Key} twice.");
        }

        var oauth = server.OAuthConfig;
        if (!RemoteOAuthLimits.IsCallbackPort(oauth?.CallbackPort))
        {
            throw Invalid("oauth_config.callback_port", "must be 0 or between 1024 and 65535.");
        }

        if (!RemoteOAuthLimits.AreScopes(oauth?.Scopes))
        {
            throw Invalid("oauth_config.scopes", "must be at most 64 scope names, each without spaces, quotes or backslashes.");
        }

        if (oauth?.ClientId is { Length: > 512 })
        {
            throw Invalid("oauth_config.client_id", "is longer than 512 characters.");
        }

        return server with
        {
            Name = name,
            Description = server.Description ?? "",
            Image = "",
            Url = url!.ToString(),
            Transport = transport.ToName(),
            TargetPort = 0,
            Args = [],
            EnvVars = [],
            Headers = headers,
            Tools = RegistryValidator.Strings(server.Tools),
            Tags = RegistryValidator.Strings(server.Tags),
            DockerTags = [],
            Permissions = new RegistryPermissions(),
            Metadata = server.Metadata is { } metadata ? metadata with { LastUpdated = metadata.LastUpdated ?? "" } : new(),
            Provenance = new RegistryProvenance(),
            RepositoryUrl = server.RepositoryUrl ?? "",
        };

        InvalidInputException Invalid(string field, string problem) => RegistryValidator.Invalid(source, name, field, problem, section);
    }
}
