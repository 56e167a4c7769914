using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;

namespace Toolshed.Server.Packages;

/// <summary>Resolves an npm package to a version and its command from the registry's per-version manifest.</summary>
internal sealed class NpmRegistry(RegistryDocuments documents, PackageSourceOptions options)
{
    public async Task<(string Version, string Command)> ResolveAsync(PackageReference reference, CancellationToken cancellationToken)
    {
        // GET /<name>/<version or dist-tag> answers one version's package.json; a scope's '/' is escaped.
        var path = Uri.EscapeDataString(reference.Name) + "/" + Uri.EscapeDataString(reference.Version ?? "latest");
        var url = new Uri(options.NpmRegistry, path);
        using var manifest = await documents.GetAsync(url, "The npm registry", cancellationToken)
            ?? throw new InvalidInputException(
                reference.Version is null
                    ? $"npm has no package named {reference.Name}."
                    : $"npm package {reference.Name} has no version or tag {reference.Version}.",
                "image",
                "Check the name (as in `npx -y NAME`) and the version.");
        var root = manifest.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.GetString() is not { Length: > 0 } resolved)
        {
            throw new PackageSourceException($"The npm registry's manifest at {url} names no version.");
        }

        if (!PackageReference.TryParse($"npx://{reference.Name}@{resolved}", out _, out var problem))
        {
            throw new PackageSourceException($"The npm registry resolved {reference.Name} to a version Toolshed cannot use ({problem}).");
        }

        return (resolved, PackageCommands.FromNpmBin(reference.Name, root));
    }
}
