using Toolshed.Core.Packages;

namespace Toolshed.Runtime.Docker.Packages;

/// <summary>
/// How package workloads become images: the base each ecosystem builds on and runs from (the ecosystems' official
/// images by default; a daemon or a workload may name others), and the CA bundle a build trusts.
/// </summary>
public sealed record PackageImageOptions
{
    public const string DefaultNode = "node:22-bookworm-slim";
    public const string DefaultPython = "python:3.13-slim-bookworm";
    public const string DefaultGoBuild = "golang:1.24-alpine";
    public const string DefaultGoRun = "alpine:3.21";

    /// <summary>The image npx:// packages install on and run from.</summary>
    public string Node { get; init; } = DefaultNode;

    /// <summary>The image uvx:// packages install on and run from.</summary>
    public string Python { get; init; } = DefaultPython;

    /// <summary>The image go:// modules are built on (needs the Go toolchain).</summary>
    public string GoBuild { get; init; } = DefaultGoBuild;

    /// <summary>The image the built Go binary runs on.</summary>
    public string GoRun { get; init; } = DefaultGoRun;

    /// <summary>
    /// The CA certificates a build trusts (PEM): by default the host's bundle, so that a build behind a TLS-intercepting
    /// proxy (a company's, or these machines') reaches its package registry; null or a missing file means none is added.
    /// </summary>
    public string? CaBundle { get; init; } = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>More CA certificates (PEM files) a build trusts besides <see cref="CaBundle"/> (`shed serve --ca-cert`).</summary>
    public IReadOnlyList<string> ExtraCaFiles { get; init; } = [];

    /// <summary>The npm registry builds install from, when not npm's default (NPM_CONFIG_REGISTRY in the install stage).</summary>
    public string? NpmRegistry { get; init; }

    /// <summary>The Python package index builds install from, when not PyPI (PIP_INDEX_URL, the index's simple API).</summary>
    public string? PyPIIndex { get; init; }

    /// <summary>The Go module proxy builds fetch from, when not Go's default (GOPROXY).</summary>
    public string? GoProxy { get; init; }

    /// <summary>The (build, run) images for <paramref name="ecosystem"/>; a workload's own runtime image is used for both.</summary>
    public (string Build, string Run) For(PackageEcosystem ecosystem, string? overrideImage) => overrideImage is { Length: > 0 } image
        ? (image, image)
        : ecosystem switch
        {
            PackageEcosystem.Npm => (Node, Node),
            PackageEcosystem.PyPI => (Python, Python),
            _ => (GoBuild, GoRun),
        };
}
