using System.Net;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;
using Toolshed.Server.Packages;
using Toolshed.Core.Registry;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Auth;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// Checks a create request field by field and turns it into a <see cref="WorkloadSpec"/>, filling in what a registry
/// entry supplies. Every rejection names the field and what is allowed. The name may stay empty: the manager derives
/// a unique one under its lock.
/// </summary>
public sealed class CreateRequestMapper(IServerCatalog catalog, SensitiveMountRules? sensitiveMounts = null, PackageResolver? packages = null)
{
    /// <summary>Reads files named in the request (authz_config, permission_profile paths) with
    /// <see cref="Core.IO.SafeFileReader"/>, hence async.</summary>
    public async Task<WorkloadSpec> MapAsync(CreateServerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckName(request.Name);
        CheckProxyPort(request.ProxyPort);
        var host = MapHost(request.Host);
        if (!string.IsNullOrWhiteSpace(request.Url))
        {
            return await MapRemoteAsync(request, host, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(request.Image))
        {
            throw new InvalidInputException(
                "image is required: give an image reference (e.g. ghcr.io/org/server:tag) or the name of a registry server (see GET /api/v1beta/registry/default/servers).",
                "image");
        }

        var image = request.Image.Trim();
        RegistryServer? server = null;
        string? registryReference = null;
        if (catalog.TryResolveServer(image, out var registryName, out var resolved))
        {
            server = resolved;
            registryReference = $"{registryName}/{resolved.Name}";
            if (resolved.Unsupported is { } reason)
            {
                throw new InvalidInputException($"The registry server {registryReference} cannot be run: {reason}.", "image");
            }

            if (resolved.IsRemote)
            {
                var trusted = string.Equals(registryName, BuiltInRegistry.Name, StringComparison.OrdinalIgnoreCase);
                var remoteRequest = RegistryRemoteRequest.From(request, resolved, registryReference, trusted);
                var remoteSpec = await MapRemoteAsync(remoteRequest, host, cancellationToken);
                return remoteSpec with
                {
                    Name = request.Name ?? resolved.Name,
                    RegistryServer = registryReference,
                    Remote = remoteSpec.Remote! with { GuardOwnAddress = !trusted },
                };
            }
        }
        else if (image.Split('/') is [var first, var rest] && !first.Contains('.', StringComparison.Ordinal)
                 && !first.Contains(':', StringComparison.Ordinal) && catalog.RegistryExists(first))
        {
            throw new InvalidInputException(
                $"The registry '{first}' has no server named '{rest}'. List its servers with GET /api/v1beta/registry/{first}/servers.",
                "image");
        }

        var transportName = request.Transport ?? server?.Transport ?? McpTransportNames.Stdio;
        if (!McpTransportNames.TryParse(transportName, out var transport))
        {
            throw new InvalidInputException(
                $"transport '{transportName}' is not supported; use one of: {string.Join(", ", McpTransportNames.All)}.", "transport");
        }

        var targetPort = request.TargetPort ?? (server is { TargetPort: > 0 } ? server.TargetPort : null);
        if (targetPort is not null && targetPort is < 1 or > 65535)
        {
            throw new InvalidInputException($"target_port must be between 1 and 65535, not {targetPort}.", "target_port");
        }

        if (transport != McpTransport.Stdio && targetPort is null)
        {
            throw new InvalidInputException(
                $"target_port is required for the {transport.ToName()} transport: the port the server listens on inside the container.",
                "target_port");
        }



        var oidc = MapOidc(request.Oidc);

        // Enforced for every transport: an HTTP server's proxy serves both transports through its own MCP client of
        // the server, so every call passes the policy (see WorkloadProxyFactory).
        var authzConfig = await AuthzConfigReader.ReadAsync(request.AuthzConfig, cancellationToken);

        if (server is null && request.RegistryArguments is { Count: > 0 })
        {
            throw new InvalidInputException("registry_arguments apply only to a registry server's placeholders; give an image's arguments in cmd_arguments.", "registry_arguments");
        }

        var arguments = request.CmdArguments ?? (server is null ? [] : RegistryArgumentFiller.Fill(server, request.RegistryArguments));
        if (arguments.Any(argument => argument is null || argument.Contains('\0', StringComparison.Ordinal)))
        {
            throw new InvalidInputException("cmd_arguments may not contain null entries or NUL characters.", "cmd_arguments");
        }

        var secrets = MapSecrets(request.Secrets);
        var environment = EnvVarParser.Parse(request.EnvVars);
        if (server is not null)
        {
            ApplyRegistryEnvironment(server, environment, secrets);
        }

        var binds = new BindPolicy { Sensitive = sensitiveMounts, AllowSensitive = request.AllowSensitiveMounts == true };
        string profile;
        if (request.PermissionProfile is not { ValueKind: not System.Text.Json.JsonValueKind.Null } && server is not null)
        {
            PermissionProfileParser.Validate(server.Permissions, binds);
            profile = System.Text.Json.JsonSerializer.Serialize(server.Permissions, PermissionProfileJsonContext.Default.RegistryPermissions);
        }
        else
        {
            profile = await PermissionProfileParser.NormalizeAsync(request.PermissionProfile, binds, cancellationToken);
        }

        var finalImage = server?.Image ?? image;
        var runtimeImage = Trimmed(request.RuntimeImage);
        PackageSpec? package = null;
        if (PackageReference.IsPackage(finalImage))
        {
            if (runtimeImage is not null && ImageReference.Problem(runtimeImage) is { } runtimeProblem)
            {
                throw new InvalidInputException($"runtime_image '{runtimeImage}' is not an image reference: {runtimeProblem}.", "runtime_image");
            }

            package = packages is null
                ? throw new InvalidInputException("This daemon does not run packages.", "image")
                : await packages.ResolveAsync(finalImage, runtimeImage, cancellationToken);
            package = package with { BuildSecrets = PackageBuildSecrets.Map(request.BuildSecrets) };
            finalImage = package.Reference;
        }
        else if (request.BuildSecrets is { Count: > 0 })
        {
            throw new InvalidInputException("build_secrets applies only to packages (npx://, uvx://, go://), which Toolshed builds.", "build_secrets");
        }
        else if (runtimeImage is not null)
        {
            throw new InvalidInputException(
                "runtime_image applies only to packages (npx://, uvx://, go://); an image already is its own runtime.", "runtime_image");
        }
        else if (ImageReference.Problem(finalImage) is { } imageProblem)
        {
            throw new InvalidInputException(
                $"image '{finalImage}' is not an image reference or a registry server: {imageProblem}.",
                "image",
                "An image reference looks like [registry[:port]/]name[:tag][@sha256:digest], e.g. ghcr.io/org/server:1.2.");
        }

        return new WorkloadSpec
        {
            Name = request.Name ?? server?.Name ?? "",
            Image = finalImage,
            Package = package,
            AllowSensitiveMounts = request.AllowSensitiveMounts == true,
            Transport = transport,
            Tools = ToolsConfigMapper.Map(request.Tools, request.ToolsOverride),
            TargetPort = transport == McpTransport.Stdio ? null : targetPort,
            ProxyPort = request.ProxyPort ?? 0,
            Host = host,
            Arguments = [.. arguments],
            Environment = environment,
            Volumes = VolumeParser.Parse(request.Volumes, binds),
            PermissionProfile = profile,
            MemoryLimitBytes = ResourceLimitParser.Memory(request.MemoryLimit),
            PidsLimit = ResourceLimitParser.Pids(request.PidsLimit),
            Secrets = secrets,
            RegistryServer = registryReference,
            AuthzConfig = authzConfig,
            Oidc = oidc,
        };
    }

    /// <summary>A remote workload: the remote's URL, headers and OAuth settings, with the proxy's own layers (OIDC for
    /// local callers, the Cedar policy, audit) as for any workload.</summary>
    private static async Task<WorkloadSpec> MapRemoteAsync(CreateServerRequest request, string host, CancellationToken cancellationToken)
    {
        var remote = RemoteRequestMapper.Map(request, request.Url!);
        return new WorkloadSpec
        {
            Name = request.Name ?? RemoteRequestMapper.NameFrom(remote.Url),
            Image = remote.Url.ToString(),
            Remote = remote,
            Tools = ToolsConfigMapper.Map(request.Tools, request.ToolsOverride),
            Transport = remote.Transport ?? McpTransport.StreamableHttp,
            ProxyPort = request.ProxyPort ?? 0,
            Host = host,
            AuthzConfig = await AuthzConfigReader.ReadAsync(request.AuthzConfig, cancellationToken),
            Oidc = MapOidc(request.Oidc),
        };
    }

    private static void CheckName(string? name)
    {
        if (name is not null && !WorkloadNameRules.IsValid(name))
        {
            throw new InvalidInputException(
                $"name '{name}' is not allowed: use 1-{WorkloadNameRules.MaxLength} letters, digits, '_', '.' or '-', starting with a letter or digit.",
                "name");
        }
    }

    internal static void CheckProxyPort(int? proxyPort)
    {
        if (proxyPort is < 0 or > 65535 or (> 0 and < 1024))
        {
            throw new InvalidInputException(
                $"proxy_port must be 0 (choose a free port) or between 1024 and 65535, not {proxyPort}: ports below 1024 are privileged.",
                "proxy_port");
        }
    }

    internal static string MapHost(string? requested)
    {
        var host = string.IsNullOrWhiteSpace(requested) ? "127.0.0.1" : requested.Trim();
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            throw new InvalidInputException($"host '{host}' is not an IP address; use 127.0.0.1 (the default), ::1 or 0.0.0.0.", "host");
        }

        if (BindAddressRules.Resolve(host) is null)
        {
            throw new InvalidInputException(
                $"host {host} is not an address of this machine, so the proxy cannot listen on it; use 127.0.0.1 (the default), ::1, 0.0.0.0, :: or one of this machine's addresses.",
                "host");
        }

        return host;
    }

    /// <summary>An empty oidc object means none; a partial one is refused, never silently run unauthenticated.</summary>
    internal static OidcSettings? MapOidc(OidcOptions? options)
    {
        var settings = options is null ? null : new OidcSettings
        {
            Issuer = Trimmed(options.Issuer),
            Audience = Trimmed(options.Audience),
            JwksUrl = Trimmed(options.JwksUrl),
            ClientId = Trimmed(options.ClientId),
        };
        if (!OidcSettingsRules.IsRequested(settings))
        {
            return null;
        }

        return OidcSettingsRules.Check(settings!) is { } problem ? throw new InvalidInputException(problem, "oidc") : settings;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<SecretReference> MapSecrets(IReadOnlyList<SecretParameter>? parameters)
    {
        var secrets = new List<SecretReference>();
        for (var i = 0; i < (parameters?.Count ?? 0); i++)
        {
            var parameter = parameters![i];
            if (string.IsNullOrWhiteSpace(parameter?.Name))
            {
                throw new InvalidInputException($"secrets[{i}].name is required: the name of a stored secret.", "secrets");
            }

            if (parameter.Name.StartsWith(Core.Remote.HeaderTemplate.ReservedSecretPrefix, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidInputException(
                    $"secrets[{i}].name '{parameter.Name}' is one of Toolshed's own secrets, which no workload is given.", "secrets");
            }

            var target = string.IsNullOrWhiteSpace(parameter.Target) ? parameter.Name : parameter.Target;
            if (!EnvVarParser.IsValidName(target))
            {
                throw new InvalidInputException(
                    $"secrets[{i}].target '{target}' is not an environment variable name (letters, digits, '_', not starting with a digit).",
                    "secrets");
            }

            secrets.Add(new SecretReference(parameter.Name, target));
        }

        return secrets;
    }

    private static void ApplyRegistryEnvironment(RegistryServer server, Dictionary<string, string> environment, List<SecretReference> secrets)
    {
        var missing = new List<string>();
        foreach (var variable in server.EnvVars)
        {
            var suppliedAsSecret = secrets.Any(secret => secret.Target == variable.Name);
            if (variable.Secret && environment.ContainsKey(variable.Name))
            {
                throw new InvalidInputException(
                    $"{variable.Name} is a secret of {server.Name}: pass it as a secret (secrets: [{{name, target: \"{variable.Name}\"}}], or `shed run --secret NAME,target={variable.Name}`), not in env_vars.",
                    "env_vars");
            }

            if (environment.ContainsKey(variable.Name) || suppliedAsSecret)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(variable.Default))
            {
                environment[variable.Name] = variable.Default;
            }
            else if (variable.Required)
            {
                missing.Add(variable.Secret ? $"{variable.Name} (secret: --secret NAME,target={variable.Name})" : $"{variable.Name} (-e {variable.Name}=…)");
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidInputException(
                $"{server.Name} needs these environment variables: {string.Join(", ", missing)}.", "env_vars");
        }
    }
}
