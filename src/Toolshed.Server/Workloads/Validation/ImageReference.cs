using System.Text.RegularExpressions;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// The container image reference grammar (distribution/reference): <c>[registry[:port]/]path[:tag][@digest]</c>, path
/// components lowercase alphanumerics joined by '.', '_', '__' or dashes, a tag of at most 128 word characters, '.'
/// and '-' (not starting with '.' or '-'), a digest <c>algorithm:hex</c> of at least 32 hex digits, the name at most
/// 255 characters. Like the engine, a first component with '.', ':', an uppercase letter, or "localhost" is a registry.
/// </summary>
public static partial class ImageReference
{
    private const int MaxNameLength = 255;

    /// <summary>Why <paramref name="reference"/> is not an image reference, or null when it is one.</summary>
    public static string? Problem(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var rest = reference;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Digest().IsMatch(rest[(at + 1)..]))
            {
                return "the digest after '@' must look like sha256:<64 hex digits>";
            }

            rest = rest[..at];
        }

        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            if (!Tag().IsMatch(rest[(colon + 1)..]))
            {
                return "the tag after ':' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";
            }

            rest = rest[..colon];
        }

        if (rest.Length is 0 or > MaxNameLength)
        {
            return $"the name must be 1-{MaxNameLength} characters";
        }

        var components = rest.Split('/');
        var first = 0;
        if (components.Length > 1 && IsRegistry(components[0]))
        {
            if (components[0] != "localhost" && !components[0].Contains('.', StringComparison.Ordinal) && !components[0].Contains(':', StringComparison.Ordinal))
            {
                // Newer grammars read an uppercase first component as a registry host; engines before 25 read it as a
                // repository name and refuse it. Refused here for both, rather than as an engine error later.
                return $"'{components[0]}' has uppercase letters: a repository name must be lowercase (a registry host needs a '.' or a ':port')";
            }

            if (!Registry().IsMatch(components[0]))
            {
                return $"the registry '{components[0]}' is not a host name or address with an optional :port";
            }

            first = 1;
        }

        for (var i = first; i < components.Length; i++)
        {
            if (!PathComponent().IsMatch(components[i]))
            {
                return $"'{components[i]}' is not a valid name component: use lowercase letters and digits, separated by '.', '_', '__' or '-'";
            }
        }

        return null;
    }

    private static bool IsRegistry(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal)
        || component == "localhost" || component.Any(char.IsUpper);

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex PathComponent();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex Digest();

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$")]
    private static partial Regex Registry();
}
