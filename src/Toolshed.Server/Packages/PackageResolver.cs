using Toolshed.Core.Errors;
using Toolshed.Core.Packages;

namespace Toolshed.Server.Packages;

/// <summary>
/// Turns a package reference into what a workload keeps (<see cref="PackageSpec"/>): an unpinned reference gets the
/// version its registry calls latest, a pinned one is checked to exist, and the command is read from the package's
/// metadata; a local source gets a version from its files.
/// </summary>
public sealed class PackageResolver
{
    private readonly NpmRegistry _npm;
    private readonly PyPIRegistry _pypi;
    private readonly GoModuleProxy _go;

    public PackageResolver(HttpClient http, PackageSourceOptions options)
    {
        var documents = new RegistryDocuments(http, options);
        _npm = new NpmRegistry(documents, options);
        _pypi = new PyPIRegistry(documents, options);
        _go = new GoModuleProxy(documents, options);
    }

    /// <summary>Parses and resolves <paramref name="reference"/>; bad references are an <see cref="InvalidInputException"/> on <c>image</c>.</summary>
    public async Task<PackageSpec> ResolveAsync(string reference, string? runtimeImage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!PackageReference.TryParse(reference, out var parsed, out var problem))
        {
            throw new InvalidInputException(
                $"'{reference}' is not a package reference: {problem}.", "image",
                "Package references look like npx://@scope/name@1.2.3, uvx://name@1.0, go://github.com/org/server@v1.2.0 or npx:///abs/dir.");
        }

        if (parsed.IsLocal)
        {
            var (path, localVersion, localCommand) = await LocalPackageSource.InspectAsync(parsed, cancellationToken);
            var local = parsed with { Name = path };
            return new PackageSpec { Reference = local.ToString(), Version = localVersion, Command = localCommand, LocalPath = path, RuntimeImage = runtimeImage };
        }

        var (version, command) = parsed.Ecosystem switch
        {
            PackageEcosystem.Npm => await _npm.ResolveAsync(parsed, cancellationToken),
            PackageEcosystem.PyPI => await _pypi.ResolveAsync(parsed, cancellationToken),
            _ => await _go.ResolveAsync(parsed, cancellationToken),
        };
        return new PackageSpec { Reference = parsed.WithVersion(version).ToString(), Version = version, Command = command, RuntimeImage = runtimeImage };
    }
}
