using Toolshed.Runtime.Docker.Packages;
using Toolshed.Server.Packages;

namespace Toolshed.Cli.Commands;

/// <summary>`shed serve`'s package options: runtime images per kind, extra CA certificates, and the registries.</summary>
internal static class PackageServeOptions
{
    private static readonly string[] s_kinds = ["npx", "uvx", "go", "go-build", "go-run"];

    public static string? CheckRuntimeImage(string value)
    {
        var parts = value.Split('=', 2);
        return parts.Length == 2 && s_kinds.Contains(parts[0]) && Server.Workloads.Validation.ImageReference.Problem(parts[1]) is null
            ? null
            : $"--runtime-image takes KIND=IMAGE with KIND one of {string.Join(", ", s_kinds)} and an image reference, e.g. npx=node:22-bookworm-slim; got '{value}'.";
    }

    public static Func<string, string?> CheckUrl(string option) => value =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : $"{option} takes an absolute http(s) URL; got '{value}'.";

    public static PackageSourceOptions Sources(string? npm, string? pypi, string? go)
    {
        var defaults = new PackageSourceOptions();
        return defaults with
        {
            NpmRegistry = npm is null ? defaults.NpmRegistry : WithSlash(npm),
            PyPIIndex = pypi is null ? defaults.PyPIIndex : WithSlash(pypi),
            GoProxy = go is null ? defaults.GoProxy : WithSlash(go),
        };
    }

    public static PackageImageOptions Images(IReadOnlyList<string> runtimeImages, IReadOnlyList<string> caCerts, string? npm, string? pypi, string? go)
    {
        var images = new PackageImageOptions { ExtraCaFiles = [.. caCerts.Select(Path.GetFullPath)], NpmRegistry = npm, PyPIIndex = pypi, GoProxy = go };
        foreach (var entry in runtimeImages)
        {
            var (kind, image) = (entry.Split('=', 2)[0], entry.Split('=', 2)[1]);
            images = kind switch
            {
                "npx" => images with { Node = image },
                "uvx" => images with { Python = image },
                "go" => images with { GoBuild = image, GoRun = image },
                "go-build" => images with { GoBuild = image },
                _ => images with { GoRun = image },
            };
        }

        return images;
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
