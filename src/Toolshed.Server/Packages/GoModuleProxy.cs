using System.Text;
using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;

namespace Toolshed.Server.Packages;

/// <summary>Resolves a Go module to a version from the module proxy protocol (<c>MODULE/@latest</c>, <c>MODULE/@v/VERSION.info</c>).</summary>
internal sealed class GoModuleProxy(RegistryDocuments documents, PackageSourceOptions options)
{
    public async Task<(string Version, string Command)> ResolveAsync(PackageReference reference, CancellationToken cancellationToken)
    {
        var module = Escape(reference.Name);
        var path = reference.Version is null ? $"{module}/@latest" : $"{module}/@v/{Escape(reference.Version)}.info";
        var url = new Uri(options.GoProxy, path);
        using var document = await documents.GetAsync(url, "The Go module proxy", cancellationToken)
            ?? throw new InvalidInputException(
                reference.Version is null ? $"The Go module proxy knows no module {reference.Name}." : $"Go module {reference.Name} has no version {reference.Version}.",
                "image",
                "Give the module path as `go install` takes it (e.g. github.com/org/server/cmd/server).");
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("Version", out var version) || version.GetString() is not { Length: > 0 } resolved)
        {
            throw new PackageSourceException($"The Go module proxy's answer at {url} names no version.");
        }

        return (resolved, PackageCommands.FromGoModule(reference.Name));
    }

    /// <summary>The proxy protocol's case encoding: each uppercase letter becomes '!' and its lowercase.</summary>
    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsAsciiLetterUpper(c) ? "!" + char.ToLowerInvariant(c) : c);
        }

        return builder.ToString();
    }
}
