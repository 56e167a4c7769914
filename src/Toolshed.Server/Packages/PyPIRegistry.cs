using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;

namespace Toolshed.Server.Packages;

/// <summary>Resolves a PyPI project to a version from the JSON API (<c>/pypi/NAME[/VERSION]/json</c>); its command is its name, as uvx runs it.</summary>
internal sealed class PyPIRegistry(RegistryDocuments documents, PackageSourceOptions options)
{
    public async Task<(string Version, string Command)> ResolveAsync(PackageReference reference, CancellationToken cancellationToken)
    {
        var path = "pypi/" + Uri.EscapeDataString(reference.Name) + (reference.Version is null ? "" : "/" + Uri.EscapeDataString(reference.Version)) + "/json";
        var url = new Uri(options.PyPIIndex, path);
        using var document = await documents.GetAsync(url, "PyPI", cancellationToken)
            ?? throw new InvalidInputException(
                reference.Version is null ? $"PyPI has no project named {reference.Name}." : $"PyPI project {reference.Name} has no version {reference.Version}.",
                "image",
                "Check the name (as in `uvx NAME`) and the version.");
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("info", out var info) || info.ValueKind != JsonValueKind.Object
            || !info.TryGetProperty("version", out var version) || version.GetString() is not { Length: > 0 } resolved)
        {
            throw new PackageSourceException($"PyPI's answer at {url} names no version.");
        }

        return (resolved, reference.Name);
    }
}
