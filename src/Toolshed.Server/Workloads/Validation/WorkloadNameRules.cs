using System.Text.RegularExpressions;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>What a workload name may be, and how one is derived from an image reference.</summary>
public static partial class WorkloadNameRules
{
    public const int MaxLength = 63;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name);

    /// <summary>"ghcr.io/acme/mcp-weather:1.2" → "mcp-weather"; falls back to "server" when nothing usable remains.</summary>
    public static string FromImage(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Core.Packages.PackageReference.TryParse(image, out var package, out _))
        {
            // A package is named after its last path element: npx://@org/server-x@1.2 is server-x, go://…/cmd/tool is tool.
            image = package.Name.TrimEnd('/')[(package.Name.TrimEnd('/').LastIndexOf('/') + 1)..];
        }

        var withoutDigest = image.Split('@')[0];
        var lastSegment = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        var repository = lastSegment.Split(':')[0];
        var cleaned = InvalidCharacters().Replace(repository, "-").Trim('-', '.', '_');
        if (cleaned.Length > MaxLength)
        {
            cleaned = cleaned[..MaxLength].TrimEnd('-', '.', '_');
        }

        return IsValid(cleaned) ? cleaned : "server";
    }

    /// <summary>The base name, or base-2, base-3 … the first that <paramref name="isTaken"/> rejects not.</summary>
    public static string MakeUnique(string baseName, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        if (!isTaken(baseName))
        {
            return baseName;
        }

        for (var i = 2; ; i++)
        {
            var suffix = $"-{i}";
            var candidate = (baseName.Length + suffix.Length > MaxLength ? baseName[..(MaxLength - suffix.Length)] : baseName) + suffix;
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex InvalidCharacters();
}
