using System.Text.RegularExpressions;

namespace Toolshed.Core.Packages;

/// <summary>
/// A package named where an image is accepted: <c>npx://[@scope/]name[@version]</c>, <c>uvx://name[extras][@version]</c>,
/// <c>go://module/path[@version]</c>, or a local source directory (<c>npx://./dir</c>, <c>uvx:///abs/dir</c>,
/// <c>go://../dir</c>). <see cref="ToString"/> gives the canonical text back.
/// </summary>
public sealed partial record PackageReference
{
    private const int MaxLength = 512;

    public required PackageEcosystem Ecosystem { get; init; }

    /// <summary>The package name (npm, PyPI) or module path (Go); for a local source, the directory as given.</summary>
    public required string Name { get; init; }

    /// <summary>The version asked for; null means the latest, resolved when the package is built.</summary>
    public string? Version { get; init; }

    /// <summary>PyPI extras (<c>uvx://name[a,b]</c>), installed with the package.</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>Whether <see cref="Name"/> is a directory on the daemon's machine rather than a published package.</summary>
    public bool IsLocal { get; init; }

    public string Scheme => SchemeOf(Ecosystem);

    public static string SchemeOf(PackageEcosystem ecosystem) => ecosystem switch
    {
        PackageEcosystem.Npm => "npx",
        PackageEcosystem.PyPI => "uvx",
        _ => "go",
    };

    /// <summary>Whether <paramref name="value"/> names a package (starts with one of the package schemes) rather than an image.</summary>
    public static bool IsPackage(string? value) =>
        value is not null && (value.StartsWith("npx://", StringComparison.Ordinal) || value.StartsWith("uvx://", StringComparison.Ordinal)
                              || value.StartsWith("go://", StringComparison.Ordinal));

    /// <summary>Parses a package reference; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static PackageReference Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var reference, out var problem) ? reference : throw new FormatException(problem);
    }

    public static bool TryParse(string value, out PackageReference reference, out string problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        reference = null!;
        problem = "";
        var separator = value.IndexOf("://", StringComparison.Ordinal);
        PackageEcosystem? ecosystem = separator < 0 ? null : value[..separator] switch
        {
            "npx" => PackageEcosystem.Npm,
            "uvx" => PackageEcosystem.PyPI,
            "go" => PackageEcosystem.Go,
            _ => null,
        };
        if (ecosystem is not { } kind)
        {
            problem = "a package reference starts with npx://, uvx:// or go://";
            return false;
        }

        var rest = value[(separator + 3)..];
        if (rest.Length is 0 || value.Length > MaxLength || rest.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            problem = $"the part after {value[..(separator + 3)]} must be 1-{MaxLength - separator - 3} characters without spaces or control characters";
            return false;
        }

        if (rest.StartsWith("./", StringComparison.Ordinal) || rest.StartsWith("../", StringComparison.Ordinal) || rest.StartsWith('/'))
        {
            reference = new PackageReference { Ecosystem = kind, Name = rest, IsLocal = true };
            return true;
        }

        var (name, version) = SplitVersion(rest);
        IReadOnlyList<string> extras = [];
        if (kind == PackageEcosystem.PyPI && name.IndexOf('[', StringComparison.Ordinal) is var open and > 0)
        {
            if (!name.EndsWith(']') || ExtrasPattern().Match(name[(open + 1)..^1]) is not { Success: true })
            {
                problem = "extras are written name[extra1,extra2], each a PyPI name";
                return false;
            }

            extras = name[(open + 1)..^1].Split(',');
            name = name[..open];
        }

        var nameProblem = kind switch
        {
            PackageEcosystem.Npm => NpmName().IsMatch(name) && name.Length <= 214 ? null
                : "an npm name is lowercase letters, digits, '-', '.', '_' and '~', optionally under a @scope/ (e.g. @modelcontextprotocol/server-everything)",
            PackageEcosystem.PyPI => PyPIName().IsMatch(name) ? null
                : "a PyPI name is letters, digits, '.', '_' and '-', starting and ending with a letter or digit (e.g. mcp-server-fetch)",
            _ => GoModule().IsMatch(name) && !name.Split('/').Any(e => e is "." or "..") ? null
                : "a Go module path is a domain and a path (e.g. github.com/org/server/cmd/server)",
        };
        if (nameProblem is not null)
        {
            problem = $"'{name}' is not a package name: {nameProblem}";
            return false;
        }

        if (version is not null && !VersionPattern().IsMatch(version))
        {
            problem = $"'{version}' is not a version: use letters, digits, '.', '+', '-' and '_' (e.g. 1.2.3)";
            return false;
        }

        reference = new PackageReference { Ecosystem = kind, Name = name, Version = version, Extras = extras };
        return true;
    }

    /// <summary>The same package at <paramref name="version"/>.</summary>
    public PackageReference WithVersion(string version) => this with { Version = version };

    public override string ToString()
    {
        var extras = Extras.Count > 0 ? "[" + string.Join(',', Extras) + "]" : "";
        return $"{Scheme}://{Name}{extras}{(Version is null || IsLocal ? "" : "@" + Version)}";
    }

    private static (string Name, string? Version) SplitVersion(string rest)
    {
        // An npm scope starts with '@', so the version's '@' is the last one after the first character.
        var at = rest.LastIndexOf('@');
        if (at <= 0)
        {
            return (rest, null);
        }

        return (rest[..at], rest[(at + 1)..]);
    }

    [GeneratedRegex("^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$")]
    private static partial Regex NpmName();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")]
    private static partial Regex PyPIName();

    [GeneratedRegex("^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$")]
    private static partial Regex ExtrasPattern();

    [GeneratedRegex("^[a-z0-9.-]+\\.[a-z]{2,}(/[A-Za-z0-9._~-]+)*$")]
    private static partial Regex GoModule();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.+_-]{0,127}$")]
    private static partial Regex VersionPattern();
}
