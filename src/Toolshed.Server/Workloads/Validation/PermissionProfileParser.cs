using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// Turns a permission_profile value into the profile text to store: "none", "network", or the JSON of a profile given
/// inline or as a file path (read once, at create time, so a later edit of the file cannot widen a running workload).
/// </summary>
public static class PermissionProfileParser
{
    public const string None = "none";
    public const string Network = "network";
    private const string Field = "permission_profile";

    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var trimmed = value.Trim();
        if (trimmed is None or Network)
        {
            return trimmed;
        }

        var json = trimmed.StartsWith('{') ? trimmed : ReadFile(trimmed);
        Validate(Parse(json));
        return json;
    }

    /// <summary>
    /// Checks a profile's binds like -v volumes: "host" or "host:container", both absolute, no '..', no shell
    /// metacharacters, and the host path must exist.
    /// </summary>
    public static void Validate(RegistryPermissions permissions, Func<string, bool>? hostPathExists = null)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        hostPathExists ??= VolumeParser.DefaultHostPathExists;
        Egress.EgressPolicyRules.For(permissions);
        foreach (var (kind, entries) in new[] { ("read", permissions.Read), ("write", permissions.Write) })
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i] ?? "";
                var parts = entry.Split(':');
                if (parts.Length > 2 || entry.Length == 0)
                {
                    throw new InvalidInputException(
                        $"permission_profile {kind}[{i}] '{entry}' must be an absolute host path, or host-path:container-path.", Field);
                }

                VolumeParser.ValidatePaths(parts[0], parts[^1], $"permission_profile {kind}[{i}] '{entry}'", Field, hostPathExists);
            }
        }
    }

    /// <summary>The permissions a stored profile grants.</summary>
    public static RegistryPermissions Parse(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        switch (profile)
        {
            case None:
                return new RegistryPermissions();
            case Network:
                return new RegistryPermissions
                {
                    Network = new RegistryNetworkPermissions { Outbound = new RegistryOutboundPermissions { InsecureAllowAll = true } },
                };
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(profile, PermissionProfileJsonContext.Default.RegistryPermissions)
                ?? throw new InvalidInputException("The permission profile is JSON null; give an object with read, write and network.", Field);
            return WithoutNulls(parsed);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(
                $"The permission profile is not valid JSON: {ex.Message} Expected an object with read, write and network.outbound.", Field);
        }
    }

    // The source-generated deserializer sets init-only properties missing from the JSON to null, not to their
    // initializers: a profile with only "write" would otherwise crash later instead of meaning "nothing else".
    private static RegistryPermissions WithoutNulls(RegistryPermissions permissions)
    {
        var outbound = permissions.Network?.Outbound ?? new RegistryOutboundPermissions();
        return new RegistryPermissions
        {
            Read = permissions.Read ?? [],
            Write = permissions.Write ?? [],
            Network = new RegistryNetworkPermissions
            {
                Outbound = outbound with
                {
                    AllowHost = outbound.AllowHost ?? [],
                    AllowPort = outbound.AllowPort ?? [],
                    AllowTransport = outbound.AllowTransport ?? [],
                },
            },
        };
    }

    private static string ReadFile(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new InvalidInputException(
                $"permission_profile must be 'none', 'network', a JSON profile, or an absolute path to one; got '{path}'.", Field);
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"The permission profile file {path} cannot be read: {ex.Message}", Field);
        }
    }
}
