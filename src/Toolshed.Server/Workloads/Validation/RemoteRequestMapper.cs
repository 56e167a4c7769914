using Toolshed.Core.Errors;
using Toolshed.Core.Remote;
using Toolshed.Core.Secrets;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// The remote part of a create request (<c>url</c>, <c>headers</c>, <c>oauth_config</c>, the remote's transport)
/// checked into a <see cref="RemoteServerSpec"/>. Fields that only mean something for a server running here are
/// refused with a sentence saying so, never ignored.
/// </summary>
internal static class RemoteRequestMapper
{
    public static RemoteServerSpec Map(CreateServerRequest request, string url)
    {
        RefuseLocalFields(request);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed))
        {
            throw new InvalidInputException($"url '{url}' is not an absolute URL such as https://mcp.example.com/mcp.", "url");
        }

        RemoteUrlRules.Require(parsed, "url", "url");
        McpTransport? transport = null;
        if (request.Transport is { } name)
        {
            if (!McpTransportNames.TryParse(name, out var parsedTransport) || parsedTransport == McpTransport.Stdio)
            {
                throw new InvalidInputException(
                    $"transport '{name}' is not a remote's transport; use {McpTransportNames.StreamableHttp} or {McpTransportNames.Sse}, or leave it out to detect it.",
                    "transport");
            }

            transport = parsedTransport;
        }

        var lines = request.Headers ?? [];
        if (lines.Count > HeaderTemplate.MaxHeaders)
        {
            throw new InvalidInputException($"A remote takes at most {HeaderTemplate.MaxHeaders} headers.", "headers");
        }

        var headers = lines.Select(line => HeaderTemplate.Parse(line ?? "")).ToList();
        if (headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidInputException($"The header {twice.Key} is given twice.", "headers");
        }

        return new RemoteServerSpec { Url = parsed, Transport = transport, Headers = headers, OAuth = MapOAuth(request.OAuthConfig, headers) };
    }

    /// <summary>A name for a remote workload when none was given: its host (e.g. mcp.example.com).</summary>
    public static string NameFrom(Uri url) => WorkloadNameRules.FromImage(url.Host);

    private static RemoteOAuthSettings? MapOAuth(OAuthConfigOptions? options, List<RemoteHeader> headers)
    {
        if (options is null)
        {
            return null;
        }

        var signsIn = options.ClientId is not null || options.ClientSecret is not null || options.ClientMetadataUrl is not null
            || options.Scopes is { Count: > 0 } || options.CallbackPort is not null;
        if (signsIn && headers.Any(h => string.Equals(h.Name, "Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidInputException(
                "oauth_config and an Authorization header both say how to authorize; give one of them.", "oauth_config");
        }

        if (options.ClientSecret is { } secret && (!SecretNames.IsValid(secret) || secret.StartsWith(HeaderTemplate.ReservedSecretPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidInputException(
                $"oauth_config.client_secret '{secret}' is not a stored secret's name (the secret's value never goes into a request).", "oauth_config");
        }

        if (options.ClientSecret is not null && string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new InvalidInputException("oauth_config.client_secret needs the client_id it belongs to.", "oauth_config");
        }

        Uri? document = null;
        if (options.ClientMetadataUrl is { } documentText
            && (!Uri.TryCreate(documentText, UriKind.Absolute, out document) || document.Scheme != "https" || document.AbsolutePath is "" or "/"))
        {
            throw new InvalidInputException(
                $"oauth_config.client_metadata_url '{documentText}' must be an https URL with a path (a Client ID Metadata Document).", "oauth_config");
        }

        if (!RemoteOAuthLimits.IsCallbackPort(options.CallbackPort))
        {
            throw new InvalidInputException("oauth_config.callback_port must be 0 or between 1024 and 65535.", "oauth_config");
        }

        var scopes = options.Scopes ?? [];
        if (!RemoteOAuthLimits.AreScopes(scopes))
        {
            throw new InvalidInputException("oauth_config.scopes are at most 64 scope names, each without spaces, quotes or backslashes.", "oauth_config");
        }

        var hosts = options.AllowedPrivateHosts ?? [];
        if (hosts.Count > 32 || hosts.Any(h => Uri.CheckHostName(h?.Trim('[', ']')) == UriHostNameType.Unknown))
        {
            throw new InvalidInputException("oauth_config.allowed_private_hosts are at most 32 host names or addresses.", "oauth_config");
        }

        return new RemoteOAuthSettings
        {
            ClientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId.Trim(),
            ClientSecretName = options.ClientSecret,
            ClientMetadataUrl = document,
            Scopes = [.. scopes],
            CallbackPort = options.CallbackPort ?? 0,
            AllowedPrivateHosts = [.. hosts],
        };
    }

    private static void RefuseLocalFields(CreateServerRequest request)
    {
        (string Field, bool Given)[] local =
        [
            ("image", !string.IsNullOrWhiteSpace(request.Image)),
            ("cmd_arguments", request.CmdArguments is { Count: > 0 }),
            ("env_vars", request.EnvVars is { Count: > 0 }),
            ("secrets", request.Secrets is { Count: > 0 }),
            ("volumes", request.Volumes is { Count: > 0 }),
            ("target_port", request.TargetPort is not null),
            ("permission_profile", request.PermissionProfile is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined }),
            ("memory_limit", request.MemoryLimit is not null),
            ("pids_limit", request.PidsLimit is not null),
            ("runtime_image", request.RuntimeImage is not null),
            ("build_secrets", request.BuildSecrets is { Count: > 0 }),
            ("registry_arguments", request.RegistryArguments is { Count: > 0 }),
            ("allow_sensitive_mounts", request.AllowSensitiveMounts == true),
        ];
        if (local.FirstOrDefault(f => f.Given) is { Field: { } field })
        {
            throw new InvalidInputException(
                field == "image"
                    ? "Give either url (a remote server) or image (a server to run here), not both."
                    : $"{field} does not apply to a remote server: nothing of it runs here. Secrets go into headers as {{secret:NAME}}.",
                field);
        }
    }
}
