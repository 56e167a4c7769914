namespace Toolshed.Server.Packages;

/// <summary>Where package versions are resolved: the registries the daemon asks (over the host's TLS trust).</summary>
public sealed record PackageSourceOptions
{
    public Uri NpmRegistry { get; init; } = new("https://registry.npmjs.org/");

    public Uri PyPIIndex { get; init; } = new("https://pypi.org/");

    public Uri GoProxy { get; init; } = new("https://proxy.golang.org/");

    /// <summary>How long one registry request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest metadata document read from a registry.</summary>
    public int MaxDocumentBytes { get; init; } = 8 * 1024 * 1024;
}
