namespace Toolshed.Core.Packages;

/// <summary>
/// A package workload's source, resolved at create time and kept with the workload so that every later start (and a
/// daemon restart) runs the same thing: the pinned reference, the command it provides, and where its files come from.
/// </summary>
public sealed record PackageSpec
{
    /// <summary>The canonical reference with its resolved version (e.g. <c>npx://@org/server@1.2.3</c>); a local source
    /// keeps its path and gets a version from its content (<c>local-…</c>).</summary>
    public required string Reference { get; init; }

    /// <summary>The resolved version: the package's, or <c>local-</c> and a hash of a local source's files.</summary>
    public required string Version { get; init; }

    /// <summary>The executable the package provides, which the workload runs (npm bin, Python console script, Go binary).</summary>
    public required string Command { get; init; }

    /// <summary>The absolute directory of a local source on the daemon's machine; null for a published package.</summary>
    public string? LocalPath { get; init; }

    /// <summary>The image to build on and run from instead of the ecosystem's default; null for the default.</summary>
    public string? RuntimeImage { get; init; }

    /// <summary>Secrets the build needs as installer credentials (names only; values are looked up for each build).</summary>
    public IReadOnlyList<PackageBuildSecret> BuildSecrets { get; init; } = [];

    public PackageReference Parsed => PackageReference.Parse(Reference);
}
