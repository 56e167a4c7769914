using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Packages;

/// <summary>
/// Package workloads as local images: <c>toolshed-pkg/&lt;scheme&gt;-&lt;name&gt;:&lt;version&gt;</c>, built from a
/// generated <see cref="PackageDockerfile"/> and labelled with a hash of every input (the Dockerfile, the base images'
/// ids, the CA bundle, the resolved version), so that an unchanged package on an unchanged base reuses its image and
/// anything else rebuilds it. Builds of one tag run one at a time; the install stage's images are removed after every
/// build, failed or not, and a failed build leaves no tag.
/// </summary>
public sealed partial class PackageImages(IContainerEngine engine, PackageImageOptions options, ILogger<PackageImages> logger)
{
    public const string Repository = "toolshed-pkg";
    public const string InputsLabel = "toolshed.package.inputs";
    public const string ReferenceLabel = "toolshed.package";

    /// <summary>On a built image: the id of the build that made it (its install stage's images carried it as
    /// <see cref="PackageDockerfile.BuildLabel"/> and are gone).</summary>
    public const string BuildIdLabel = "toolshed.package.build-id";
    private static readonly TimeSpan s_cleanupTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _builds = new(StringComparer.Ordinal);

    /// <summary>The local image a package workload runs from.</summary>
    public static string TagFor(PackageSpec package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var reference = package.Parsed;
        var name = reference.IsLocal ? Path.GetFileName(reference.Name.TrimEnd('/')) + "-local" : reference.Name;
        var repository = Sanitize(name.TrimStart('@').Replace('/', '-').ToLowerInvariant(), 100);
        var tag = Sanitize(package.Version.Replace('+', '_'), 128);
        return $"{Repository}/{reference.Scheme}-{repository}:{tag}";
    }

    /// <summary>Whether the package's image exists (whatever its inputs).</summary>
    public Task<bool> ExistsAsync(PackageSpec package, CancellationToken cancellationToken) => engine.ImageExistsAsync(TagFor(package), cancellationToken);

    /// <summary>
    /// Makes the package's image exist for its current inputs (building it when it is missing, stale, or
    /// <paramref name="rebuild"/> asks), reporting the base images' pulls and the build's output; returns the tag.
    /// </summary>
    public async Task<string> EnsureAsync(
        PackageSpec package,
        bool rebuild,
        IReadOnlyDictionary<string, string> credentials,
        IProgress<ImagePullProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(credentials);
        var tag = TagFor(package);
        var gate = _builds.GetOrAdd(tag, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await EnsureLockedAsync(package, tag, rebuild, credentials, progress, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> EnsureLockedAsync(
        PackageSpec package,
        string tag,
        bool rebuild,
        IReadOnlyDictionary<string, string> credentials,
        IProgress<ImagePullProgress>? progress,
        CancellationToken cancellationToken)
    {
        var reference = package.Parsed;
        var (buildImage, runImage) = options.For(reference.Ecosystem, package.RuntimeImage);
        progress?.Report(new ImagePullProgress(package.Reference, null, $"Resolved {package.Reference} (command {package.Command})"));
        await EnsureBaseAsync(buildImage, reference, progress, cancellationToken);
        if (runImage != buildImage)
        {
            await EnsureBaseAsync(runImage, reference, progress, cancellationToken);
        }

        var ca = await ReadCaAsync(cancellationToken);
        var settings = new PackageBuildSettings(ca is not null, [.. credentials.Keys]) { Registries = Registries() };
        var inputs = await InputsHashAsync(package, buildImage, runImage, ca, settings, cancellationToken);
        if (!rebuild && (await engine.ImageLabelsAsync(tag, cancellationToken))?.GetValueOrDefault(InputsLabel) == inputs)
        {
            progress?.Report(new ImagePullProgress(package.Reference, null, $"Using {tag}, built before from the same inputs"));
            return tag;
        }

        var previous = await engine.ImageIdAsync(tag, cancellationToken);
        var buildId = Guid.NewGuid().ToString("N");
        var dockerfile = PackageDockerfile.Generate(package, buildImage, runImage, buildId, settings);
        progress?.Report(new ImagePullProgress(package.Reference, null, $"Building {tag} on {buildImage}"));
        LogBuilding(package.Reference, tag);
        LogDockerfile(tag, dockerfile);
        var labels = new Dictionary<string, string> { [InputsLabel] = inputs, [ReferenceLabel] = package.Reference, [BuildIdLabel] = buildId };
        var output = progress is null ? null : new LineProgress(line => progress.Report(new ImagePullProgress(package.Reference, null, line)));
        try
        {
            await using var context = await ContextAsync(dockerfile, ca, credentials, package.LocalPath, cancellationToken);
            await engine.BuildImageAsync(new ImageBuild(tag, labels, NoCache: rebuild), context, output, cancellationToken);
        }
        catch (ImageBuildFailedException ex)
        {
            var tail = string.Join(" | ", ex.LastLines.TakeLast(6));
            throw new ImageUnavailableException(
                $"Building {package.Reference} into {tag} failed: {ex.EngineError}. Its last output: {tail}",
                "Run with --rebuild after fixing the cause; the generated Dockerfile is in the daemon's log at debug level.");
        }
        finally
        {
            await RemoveInstallStageAsync(buildId);
        }

        // The image this build replaced lost its tag: remove it unless a container still uses it.
        if (previous is not null && previous != await engine.ImageIdAsync(tag, cancellationToken))
        {
            await engine.RemoveImageByIdAsync(previous, force: false, CancellationToken.None);
        }

        return tag;
    }

    private async Task EnsureBaseAsync(string image, PackageReference reference, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await engine.EnsureImageAsync(image, progress, cancellationToken);
        }
        catch (ImageUnavailableException ex)
        {
            throw new ImageUnavailableException(
                $"{reference.Scheme}:// packages build on {image}, which is not here and could not be pulled ({ex.Message})",
                $"Name a base image this engine has: `shed run … --runtime-image IMAGE`, or for every package `shed serve --runtime-image {reference.Scheme}=IMAGE` (docs/packages.md).");
        }
    }

    /// <summary>Credentials' values are not inputs (a rotated token needs no rebuild); which files there are is.</summary>
    private async Task<string> InputsHashAsync(
        PackageSpec package, string buildImage, string runImage, byte[]? ca, PackageBuildSettings settings, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? value) => hash.AppendData(Encoding.UTF8.GetBytes((value ?? "") + "\n"));
        Add(PackageDockerfile.Generate(package, buildImage, runImage, "-", settings));
        Add(package.Version);
        Add(await engine.ImageIdAsync(buildImage, cancellationToken));
        Add(await engine.ImageIdAsync(runImage, cancellationToken));
        if (ca is not null)
        {
            hash.AppendData(ca);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>The host's bundle and the extra certificates, one PEM text; null when there are none.</summary>
    private async Task<byte[]?> ReadCaAsync(CancellationToken cancellationToken)
    {
        using var bundle = new MemoryStream();
        foreach (var path in options.ExtraCaFiles.Prepend(options.CaBundle).OfType<string>().Where(File.Exists))
        {
            await bundle.WriteAsync(await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken);
            bundle.WriteByte((byte)'\n');
        }

        return bundle.Length == 0 ? null : bundle.ToArray();
    }

    private Dictionary<string, string> Registries()
    {
        var registries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.NpmRegistry is { } npm)
        {
            registries["NPM_CONFIG_REGISTRY"] = npm;
        }

        if (options.PyPIIndex is { } pypi)
        {
            registries["PIP_INDEX_URL"] = pypi.TrimEnd('/') + "/simple/";
        }

        if (options.GoProxy is { } go)
        {
            registries["GOPROXY"] = go;
        }

        return registries;
    }

    private static async Task<Stream> ContextAsync(
        string dockerfile, byte[]? ca, IReadOnlyDictionary<string, string> credentials, string? localSource, CancellationToken cancellationToken)
    {
        // A local source can be large: its context goes through a temporary file, deleted when closed.
        Stream context = localSource is null
            ? new MemoryStream()
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            await PackageBuildContext.WriteAsync(context, dockerfile, ca, credentials, localSource, cancellationToken);
            context.Position = 0;
            return context;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes every image of one build but the tagged result: the install stage, which saw the build's inputs.</summary>
    private async Task RemoveInstallStageAsync(string buildId)
    {
        using var timeout = new CancellationTokenSource(s_cleanupTimeout);
        try
        {
            var labels = new Dictionary<string, string> { [PackageDockerfile.BuildLabel] = buildId };
            var pending = (await engine.ListImageIdsAsync(labels, timeout.Token)).ToList();
            // Children before parents: each pass removes what nothing depends on any more.
            for (var pass = 0; pass < 8 && pending.Count > 0; pass++)
            {
                var removed = new List<string>();
                foreach (var id in pending)
                {
                    if (await engine.RemoveImageByIdAsync(id, force: true, timeout.Token))
                    {
                        removed.Add(id);
                    }
                }

                pending = (await engine.ListImageIdsAsync(labels, timeout.Token)).ToList();
                if (removed.Count == 0)
                {
                    break;
                }
            }

            if (pending.Count > 0)
            {
                LogCleanupIncomplete(buildId, pending.Count);
            }
        }
        catch (Exception ex) when (ex is ToolshedException or OperationCanceledException)
        {
            LogCleanupFailed(buildId, ex.Message);
        }
    }

    private static string Sanitize(string value, int max)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var text = builder.ToString().TrimStart('.', '-');
        return text.Length == 0 ? "package" : text[..Math.Min(text.Length, max)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building package {Package} into {Image}")]
    private partial void LogBuilding(string package, string image);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Building {Image} from this Dockerfile:\n{Dockerfile}")]
    private partial void LogDockerfile(string image, string dockerfile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove all images of package build {BuildId}: {Count} left")]
    private partial void LogCleanupIncomplete(string buildId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the images of package build {BuildId}: {Reason}")]
    private partial void LogCleanupFailed(string buildId, string reason);
}
