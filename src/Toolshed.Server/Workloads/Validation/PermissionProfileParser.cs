using Toolshed.Core.Workloads;
using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
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

    /// <summary>How deeply a profile may nest (a real one nests 3 levels).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The profile to store for a permission_profile value: a name, the profile as a JSON object or its text,
    /// or an absolute path to it on the daemon's host (read with <see cref="SafeFileReader"/>).</summary>
    public static async Task<string> NormalizeAsync(JsonElement? value, BindPolicy policy, CancellationToken cancellationToken)
    {
        if (StringOrObject.From(value, Field) is not { } given)
        {
            return None;
        }

        var text = given.Text;
        if (!given.IsObject && text is None or Network)
        {
            return text;
        }

        if (given.IsObject || text.StartsWith('{'))
        {
            Validate(Parse(text), policy);
            return text;
        }

        if (!Path.IsPathFullyQualified(text))
        {
            throw new InvalidInputException(
                $"permission_profile must be 'none', 'network', a JSON profile, or an absolute path to one; got '{text}'.", Field);
        }

        var json = await SafeFileReader.ReadTextAsync(text, "The permission profile", Field, cancellationToken);
        RegistryPermissions parsed;
        try
        {
            parsed = Parse(json);
        }
        catch (InvalidInputException)
        {
            // The daemon read this file for the caller: say where, never what it holds.
            throw new InvalidInputException(
                $"The permission profile {text} is not a valid permission profile (a JSON object with read, write and network.outbound){LineOf(json)}.",
                Field,
                "Send the profile inline (`shed run --permission-profile FILE` does) for the full error.");
        }

        Validate(parsed, policy);
        return json;
    }

    private static string LineOf(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, s_documentOptions);
            return "";
        }
        catch (JsonException ex) when (ex.LineNumber is { } line)
        {
            return $" (line {line + 1})";
        }
    }

    /// <summary>
    /// Checks a profile's binds like -v volumes: "host" or "host:container", both absolute, no '..', no shell
    /// metacharacters, and the host path must exist.
    /// </summary>
    public static void Validate(RegistryPermissions permissions, BindPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        policy ??= BindPolicy.Default;
        EgressPolicyRules.For(permissions);
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

                VolumeParser.ValidatePaths(parts[0], parts[^1], $"permission_profile {kind}[{i}] '{entry}'", Field, policy);
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
}
