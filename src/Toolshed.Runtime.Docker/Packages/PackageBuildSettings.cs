namespace Toolshed.Runtime.Docker.Packages;

/// <summary>
/// What a build's install stage is given besides the package: whether a CA bundle, which credentials files, and the
/// registries to install from when they are not the ecosystems' defaults (environment name to value).
/// </summary>
public sealed record PackageBuildSettings(bool WithCa, IReadOnlyList<string> CredentialFiles)
{
    public static readonly PackageBuildSettings None = new(false, []);

    /// <summary>E.g. NPM_CONFIG_REGISTRY, PIP_INDEX_URL, GOPROXY.</summary>
    public IReadOnlyDictionary<string, string> Registries { get; init; } = new Dictionary<string, string>();
}
