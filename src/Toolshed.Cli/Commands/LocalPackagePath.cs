using Toolshed.Core.Packages;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed run npx://./dir`: a local package source is named relative to where the user stands, but the daemon needs an
/// absolute path (it may run elsewhere); this turns <c>scheme://./dir</c> and <c>scheme://../dir</c> into
/// <c>scheme:///abs/dir</c> and leaves everything else as it is.
/// </summary>
internal static class LocalPackagePath
{
    public static string? Resolve(string? reference, string workingDirectory)
    {
        if (reference is null || !PackageReference.TryParse(reference, out var parsed, out _) || !parsed.IsLocal || Path.IsPathFullyQualified(parsed.Name))
        {
            return reference;
        }

        return $"{parsed.Scheme}://{Path.GetFullPath(parsed.Name, workingDirectory)}";
    }
}
