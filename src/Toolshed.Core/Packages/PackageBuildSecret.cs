namespace Toolshed.Core.Packages;

/// <summary>
/// A stored secret a package build needs, and the credentials file it becomes for the installer while the package is
/// installed: <c>npmrc</c> (npm's user config, e.g. a private registry's token), <c>pip.conf</c> (pip's config, e.g.
/// an index URL with credentials) or <c>netrc</c> (host logins, read by pip and go). Only the build's install stage
/// sees the file; it is in no layer, label or history of the image the workload runs.
/// </summary>
public sealed record PackageBuildSecret(string Name, string File)
{
    public static readonly IReadOnlyList<string> Files = ["npmrc", "pip.conf", "netrc"];
}
