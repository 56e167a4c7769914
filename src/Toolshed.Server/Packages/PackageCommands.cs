using System.Text.Json;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Packages;

/// <summary>Which executable a package provides, read from its metadata the way its launcher (npx, uvx, go run) picks it.</summary>
internal static class PackageCommands
{
    /// <summary>
    /// npm's <c>bin</c>: a string is a command named after the package (without its scope); an object maps names to
    /// files, and npx runs its only entry, or the one named after the package.
    /// </summary>
    public static string FromNpmBin(string package, JsonElement manifest)
    {
        var unscoped = package.Contains('/', StringComparison.Ordinal) ? package[(package.IndexOf('/', StringComparison.Ordinal) + 1)..] : package;
        if (manifest.ValueKind != JsonValueKind.Object || !manifest.TryGetProperty("bin", out var bin))
        {
            throw new InvalidInputException(
                $"npm package {package} has no command to run (its package.json has no \"bin\"), so it is not an MCP server npx could start.", "image");
        }

        if (bin.ValueKind == JsonValueKind.String)
        {
            return unscoped;
        }

        var names = bin.ValueKind == JsonValueKind.Object ? bin.EnumerateObject().Select(p => p.Name).ToList() : [];
        if (names.Count == 1)
        {
            return names[0];
        }

        if (names.Contains(unscoped))
        {
            return unscoped;
        }

        throw new InvalidInputException(
            names.Count == 0
                ? $"npm package {package} has an empty \"bin\", so it has no command to run."
                : $"npm package {package} has several commands ({string.Join(", ", names)}) and none is named {unscoped}, so npx could not tell which to run.",
            "image");
    }

    /// <summary>A Go module's binary is named after the last element of its path (a major-version suffix skipped).</summary>
    public static string FromGoModule(string module)
    {
        var parts = module.TrimEnd('/').Split('/');
        var last = parts[^1];
        return parts.Length > 1 && last.Length > 1 && last[0] == 'v' && last[1..].All(char.IsAsciiDigit) ? parts[^2] : last;
    }
}
