using System.Text.Json;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
using Toolshed.Core.Packages;

namespace Toolshed.Server.Packages;

/// <summary>
/// A package in a directory on this machine (<c>npx:///abs/dir</c>): its version is a hash of its files, its command
/// comes from its own manifest (package.json <c>bin</c>, pyproject.toml <c>[project.scripts]</c>, go.mod's module).
/// </summary>
internal static class LocalPackageSource
{
    public static async Task<(string Path, string Version, string Command)> InspectAsync(PackageReference reference, CancellationToken cancellationToken)
    {
        var path = reference.Name;
        if (!Path.IsPathFullyQualified(path))
        {
            throw new InvalidInputException(
                $"{reference} names a relative directory, which the daemon cannot resolve.", "image",
                $"Send an absolute path ({reference.Scheme}:///home/me/server); `shed run {reference.Scheme}://./dir` resolves it for you.");
        }

        path = Path.GetFullPath(path);
        var version = await LocalSourceTree.VersionAsync(path, cancellationToken);
        var command = reference.Ecosystem switch
        {
            PackageEcosystem.Npm => await NpmCommandAsync(path, cancellationToken),
            PackageEcosystem.PyPI => await PythonCommandAsync(path, cancellationToken),
            _ => await GoCommandAsync(path, cancellationToken),
        };
        return (path, version, command);
    }

    private static async Task<string> NpmCommandAsync(string directory, CancellationToken cancellationToken)
    {
        var text = await ManifestAsync(directory, "package.json", cancellationToken);
        try
        {
            using var manifest = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            var name = manifest.RootElement.ValueKind == JsonValueKind.Object && manifest.RootElement.TryGetProperty("name", out var n)
                ? n.GetString() ?? Path.GetFileName(directory)
                : Path.GetFileName(directory);
            return PackageCommands.FromNpmBin(name, manifest.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{directory}/package.json is not valid JSON: {ex.Message}", "image");
        }
    }

    private static async Task<string> PythonCommandAsync(string directory, CancellationToken cancellationToken)
    {
        var text = await ManifestAsync(directory, "pyproject.toml", cancellationToken);
        var document = SyntaxParser.Parse(text, "pyproject.toml", true);
        string? name = null;
        foreach (var table in document.Tables)
        {
            var key = table.Name?.ToString().Trim();
            if (key == "project.scripts" && table.Items.ChildrenCount > 0 && table.Items.GetChild(0) is KeyValueSyntax { Key: { } script })
            {
                return script.ToString().Trim().Trim('"');
            }

            if (key == "project")
            {
                foreach (var item in table.Items)
                {
                    if (item is KeyValueSyntax { Key: { } k, Value: StringValueSyntax value } && k.ToString().Trim() == "name")
                    {
                        name = value.Value;
                    }
                }
            }
        }

        return name ?? throw new InvalidInputException(
            $"{directory}/pyproject.toml names no [project.scripts] entry and no project name, so there is no command to run.", "image");
    }

    private static async Task<string> GoCommandAsync(string directory, CancellationToken cancellationToken)
    {
        var text = await ManifestAsync(directory, "go.mod", cancellationToken);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("module ", StringComparison.Ordinal))
            {
                return PackageCommands.FromGoModule(trimmed[7..].Trim().Trim('"'));
            }
        }

        throw new InvalidInputException($"{directory}/go.mod has no module line.", "image");
    }

    private static async Task<string> ManifestAsync(string directory, string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{directory} has no {file}, so it is not a package this scheme builds.", "image");
        }

        return await SafeFileReader.ReadTextAsync(path, "the package manifest", "image", cancellationToken);
    }
}
