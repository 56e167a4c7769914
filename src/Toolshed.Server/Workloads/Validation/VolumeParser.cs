using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>Parses `host:container[:ro|:rw]` volume entries and refuses anything ambiguous or escaping.</summary>
public static class VolumeParser
{
    private const string Field = "volumes";
    private static readonly System.Buffers.SearchValues<char> s_shellMetacharacters = System.Buffers.SearchValues.Create("$`;&|<>*?\"'\\\n\r\0!{}");

    public static IReadOnlyList<VolumeMount> Parse(IReadOnlyList<string>? entries, Func<string, bool>? hostPathExists = null) =>
        Parse(entries, BindPolicy.Default with { HostPathExists = hostPathExists ?? DefaultHostPathExists });

    public static IReadOnlyList<VolumeMount> Parse(IReadOnlyList<string>? entries, BindPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var mounts = new List<VolumeMount>();
        if (entries is null)
        {
            return mounts;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            mounts.Add(ParseOne(entries[i] ?? "", i, policy));
        }

        var duplicate = mounts.GroupBy(m => m.ContainerPath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidInputException($"volumes mount two host paths at {duplicate.Key}; each container path may be used once.", Field);
        }

        return mounts;
    }

    private static VolumeMount ParseOne(string entry, int index, BindPolicy policy)
    {
        var where = $"volumes[{index}] '{entry}'";
        if (entry.AsSpan().ContainsAny(s_shellMetacharacters))
        {
            throw new InvalidInputException($"{where} contains a character that is not allowed in a path (quotes, $, `, ;, &, |, <, >, *, ?, \\, NUL or a line break).", Field);
        }

        var parts = entry.Split(':');
        var readOnly = false;
        if (parts.Length == 3)
        {
            readOnly = parts[2] switch
            {
                "ro" => true,
                "rw" => false,
                _ => throw new InvalidInputException($"{where}: the mode after the second ':' must be 'ro' or 'rw', not '{parts[2]}'.", Field),
            };
        }
        else if (parts.Length != 2)
        {
            throw new InvalidInputException($"{where} must look like host-path:container-path or host-path:container-path:ro.", Field);
        }

        var (host, container) = (parts[0], parts[1]);
        ValidatePaths(host, container, where, Field, policy);
        return new VolumeMount(host, container.Length > 1 ? container.TrimEnd('/') : container, readOnly);
    }

    /// <summary>The rules every bind follows, from -v or a permission profile: absolute paths, no '..', host path
    /// exists, and nothing sensitive unless asked for by name.</summary>
    internal static void ValidatePaths(string host, string container, string where, string field, BindPolicy policy)
    {
        if (host.AsSpan().ContainsAny(s_shellMetacharacters) || container.AsSpan().ContainsAny(s_shellMetacharacters))
        {
            throw new InvalidInputException($"{where} contains a character that is not allowed in a path (quotes, $, `, ;, &, |, <, >, *, ?, \\, NUL or a line break).", field);
        }

        if (!Path.IsPathFullyQualified(host))
        {
            throw new InvalidInputException($"{where}: the host path must be absolute.", field);
        }

        if (!container.StartsWith('/'))
        {
            throw new InvalidInputException($"{where}: the container path must be absolute (start with '/').", field);
        }

        if (HasParentSegment(host) || HasParentSegment(container))
        {
            throw new InvalidInputException($"{where}: paths may not contain '..' segments.", field);
        }

        if (!policy.HostPathExists(host))
        {
            throw new InvalidInputException($"{where}: the host path {host} does not exist. Create it first, or fix the path.", field);
        }

        if (!policy.AllowSensitive && policy.Sensitive?.Describe(host) is { } why)
        {
            throw new InvalidInputException(
                $"{where}: the host path {host} is sensitive ({why}); binding it can hand the server control of this machine. "
                + $"If that is meant, ask for it by name: \"{SensitiveMountRules.OptInField}\": true in the request (`shed run --allow-sensitive-mount`).",
                field,
                "Mount a narrower directory instead, one that holds only what the server needs.");
        }
    }

    internal static bool DefaultHostPathExists(string path) => Directory.Exists(path) || File.Exists(path);

    private static bool HasParentSegment(string path) => path.Split('/').Any(segment => segment == "..");
}
