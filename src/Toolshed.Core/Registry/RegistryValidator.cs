using System.Text.RegularExpressions;
using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;

namespace Toolshed.Core.Registry;

/// <summary>
/// The rules a parsed registry must follow, and its normalization: explicit JSON nulls become empty values (so the
/// API always writes every field), each server's <c>name</c> is its key, and the transport is its canonical name.
/// </summary>
internal static partial class RegistryValidator
{
    public static RegistryDocument Validate(RegistryDocument document, string source)
    {
        var servers = new Dictionary<string, RegistryServer>(StringComparer.Ordinal);
        foreach (var (name, server) in document.Servers ?? new Dictionary<string, RegistryServer>())
        {
            servers[name] = server is { IsRemote: true } ? RegistryRemoteValidator.Validate(name, server, source, "servers") : ValidateServer(name, server, source);
        }

        foreach (var (name, server) in document.RemoteServers ?? new Dictionary<string, RegistryServer>())
        {
            if (servers.ContainsKey(name))
            {
                throw Invalid(source, name, "", "is both a server and a remote server; give one of them another name.");
            }

            servers[name] = RegistryRemoteValidator.Validate(name, server, source, "remote_servers");
        }

        return document with
        {
            Version = document.Version ?? "",
            LastUpdated = document.LastUpdated ?? "",
            Servers = servers,
            RemoteServers = null,
        };
    }

    private static RegistryServer ValidateServer(string name, RegistryServer? server, string source)
    {
        if (!RegistryNames.IsValid(name))
        {
            throw Invalid(source, name, "", $"is not a valid server name: use {RegistryNames.Rule}.");
        }

        if (server is null)
        {
            throw Invalid(source, name, "", "is null; describe the server as an object with at least \"image\".");
        }

        if (string.IsNullOrWhiteSpace(server.Image) && server.Unsupported is null)
        {
            throw Invalid(source, name, "image", "has no image; set \"image\" to the container image to run (e.g. \"mcp/fetch\").");
        }

        var transportName = string.IsNullOrWhiteSpace(server.Transport) ? McpTransportNames.Stdio : server.Transport;
        if (!McpTransportNames.TryParse(transportName, out var transport))
        {
            throw Invalid(source, name, "transport",
                $"has the unknown transport '{server.Transport}'; use one of {string.Join(", ", McpTransportNames.All)}.");
        }

        if (transport != McpTransport.Stdio && server.TargetPort is < 1 or > 65535)
        {
            throw Invalid(source, name, "target_port",
                $"uses {transport.ToName()} but its target_port {server.TargetPort} is not a port (1-65535); set the port the server listens on inside the container.");
        }

        if (server.TargetPort is < 0 or > 65535)
        {
            throw Invalid(source, name, "target_port", $"has target_port {server.TargetPort}, which is not a port (0-65535).");
        }

        var envVars = (server.EnvVars ?? []).ToList();
        for (var i = 0; i < envVars.Count; i++)
        {
            var envVar = envVars[i];
            if (envVar is null || envVar.Name is null || !EnvironmentName().IsMatch(envVar.Name))
            {
                throw Invalid(source, name, $"env_vars[{i}].name",
                    $"has an environment variable named '{envVar?.Name}'; names are letters, digits and '_', not starting with a digit.");
            }

            envVars[i] = envVar with { Description = envVar.Description ?? "", Default = envVar.Default ?? "" };
        }

        var permissions = NormalizePermissions(server.Permissions);
        foreach (var port in permissions.Network.Outbound.AllowPort)
        {
            if (port is < 1 or > 65535)
            {
                throw Invalid(source, name, "permissions.network.outbound.allow_port", $"allows port {port}, which is not a port (1-65535).");
            }
        }

        return server with
        {
            Name = name,
            Description = server.Description ?? "",
            Image = server.Image.Trim(),
            Transport = transport.ToName(),
            Args = Strings(server.Args),
            EnvVars = envVars,
            Tools = Strings(server.Tools),
            Tags = Strings(server.Tags),
            DockerTags = Strings(server.DockerTags),
            Permissions = permissions,
            Metadata = server.Metadata is { } metadata ? metadata with { LastUpdated = metadata.LastUpdated ?? "" } : new(),
            Provenance = NormalizeProvenance(server.Provenance),
            RepositoryUrl = server.RepositoryUrl ?? "",
        };
    }

    private static RegistryPermissions NormalizePermissions(RegistryPermissions? permissions)
    {
        if (permissions is null)
        {
            return new RegistryPermissions();
        }

        var outbound = permissions.Network?.Outbound ?? new RegistryOutboundPermissions();
        return permissions with
        {
            Read = Strings(permissions.Read),
            Write = Strings(permissions.Write),
            Network = new RegistryNetworkPermissions
            {
                Outbound = outbound with
                {
                    AllowHost = Strings(outbound.AllowHost),
                    AllowPort = outbound.AllowPort ?? [],
                    AllowTransport = Strings(outbound.AllowTransport),
                },
            },
        };
    }

    private static RegistryProvenance NormalizeProvenance(RegistryProvenance? provenance) => provenance is null
        ? new RegistryProvenance()
        : provenance with
        {
            Attestation = provenance.Attestation is { } attestation
                ? attestation with { PredicateType = attestation.PredicateType ?? "" }
                : new RegistryAttestation(),
            CertIssuer = provenance.CertIssuer ?? "",
            RepositoryRef = provenance.RepositoryRef ?? "",
            RepositoryUri = provenance.RepositoryUri ?? "",
            RunnerEnvironment = provenance.RunnerEnvironment ?? "",
            SignerIdentity = provenance.SignerIdentity ?? "",
            SigstoreUrl = provenance.SigstoreUrl ?? "",
        };

    /// <summary>Null lists become empty; null entries are dropped.</summary>
    internal static string[] Strings(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Where(value => value is not null).ToArray();

    internal static InvalidInputException Invalid(string source, string server, string field, string problem, string section = "servers") => new(
        $"Server '{server}' in the registry {source} {problem}",
        field.Length == 0 ? $"{section}.{server}" : $"{section}.{server}.{field}",
        "Fix that server's entry in the registry file and add it again.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();
}
