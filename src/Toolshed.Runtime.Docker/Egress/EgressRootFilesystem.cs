using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Toolshed.Egress.Policy;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>
/// The egress sidecar's image, built from what this daemon already runs on: the .NET runtime it was started with,
/// the libraries that runtime links against, and the Toolshed.Egress assembly. No registry is involved and the tag
/// changes whenever any of those does.
/// </summary>
internal sealed class EgressRootFilesystem
{
    public const string Repository = EgressImage.Repository;
    private const string RuntimeRoot = "/dotnet";
    private const string AppDirectory = "/app";

    private readonly IReadOnlyList<(string Source, string Target)> _files;
    private readonly string _runtimeConfig;

    private EgressRootFilesystem(IReadOnlyList<(string Source, string Target)> files, string runtimeConfig, string image, IReadOnlyList<string> libraryDirectories)
    {
        _files = files;
        _runtimeConfig = runtimeConfig;
        Image = image;
        LibraryDirectories = libraryDirectories;
    }

    /// <summary>The image reference, e.g. toolshed/egress:3f2a9c…</summary>
    public string Image { get; }

    public IReadOnlyList<string> LibraryDirectories { get; }

    /// <summary>What the sidecar runs.</summary>
    public static IReadOnlyList<string> Command => [$"{RuntimeRoot}/dotnet", $"{AppDirectory}/Toolshed.Egress.dll"];

    /// <summary>Environment the sidecar needs besides its policy: where the libraries are, and no diagnostics IPC
    /// (the root file system is read-only).</summary>
    public IReadOnlyDictionary<string, string> RuntimeEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LD_LIBRARY_PATH"] = string.Join(':', LibraryDirectories),
        ["DOTNET_EnableDiagnostics"] = "0",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
    };

    public static async Task<EgressRootFilesystem> CollectAsync(CancellationToken cancellationToken)
    {
        var frameworkDirectory = Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var frameworkVersion = Path.GetFileName(frameworkDirectory);
        var dotnetRoot = Path.GetFullPath(Path.Combine(frameworkDirectory, "..", "..", ".."));
        var muxer = Path.Combine(dotnetRoot, "dotnet");
        if (!File.Exists(muxer))
        {
            throw new InvalidOperationException(
                $"The egress proxy runs on this daemon's .NET runtime, but {muxer} is missing. Run the daemon with a shared .NET runtime (`dotnet shed.dll serve`).");
        }

        var hostFxr = Directory.GetDirectories(Path.Combine(dotnetRoot, "host", "fxr"))
            .Select(directory => (Directory: directory, Version: Version.TryParse(Path.GetFileName(directory).Split('-')[0], out var v) ? v : new Version()))
            .OrderByDescending(entry => entry.Version)
            .Select(entry => Path.Combine(entry.Directory, "libhostfxr.so"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"No libhostfxr.so under {Path.Combine(dotnetRoot, "host", "fxr")}.");
        // The proxy's assembly ships next to the daemon's (the project reference copies it); the policy's is loaded here.
        var egressAssembly = Path.Combine(AppContext.BaseDirectory, "Toolshed.Egress.dll");
        if (!File.Exists(egressAssembly))
        {
            throw new InvalidOperationException($"The egress proxy's assembly {egressAssembly} is missing from this installation.");
        }

        var policyAssembly = typeof(EgressPolicy).Assembly.Location;

        var files = new List<(string Source, string Target)>
        {
            (muxer, $"{RuntimeRoot}/dotnet"),
            (hostFxr, $"{RuntimeRoot}/{Path.GetRelativePath(dotnetRoot, hostFxr)}"),
            (egressAssembly, $"{AppDirectory}/Toolshed.Egress.dll"),
            (policyAssembly, $"{AppDirectory}/{Path.GetFileName(policyAssembly)}"),
        };
        var frameworkTarget = $"{RuntimeRoot}/shared/Microsoft.NETCore.App/{frameworkVersion}";
        files.AddRange(Directory.GetFiles(frameworkDirectory).Order(StringComparer.Ordinal)
            .Select(file => (file, $"{frameworkTarget}/{Path.GetFileName(file)}")));

        var natives = files.Select(f => f.Source).Where(f => f == muxer || f.EndsWith(".so", StringComparison.Ordinal));
        var libraries = await NativeDependencies.ResolveAsync(natives, cancellationToken);
        files.AddRange(libraries.Select(library => (library, library)));
        var libraryDirectories = libraries.Select(l => Path.GetDirectoryName(l)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var runtimeConfig = "{\"runtimeOptions\":{\"tfm\":\"net10.0\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\""
            + frameworkVersion + "\"},\"configProperties\":{\"System.Globalization.Invariant\":true}}}";
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(RuntimeInformation.RuntimeIdentifier + "\n" + frameworkVersion + "\n" + runtimeConfig + "\n"));
        hash.AppendData(await File.ReadAllBytesAsync(egressAssembly, cancellationToken));
        hash.AppendData(await File.ReadAllBytesAsync(policyAssembly, cancellationToken));
        foreach (var (source, target) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{target}:{new FileInfo(source).Length}\n"));
        }

        var tag = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return new EgressRootFilesystem(files, runtimeConfig, $"{Repository}:{tag}", libraryDirectories);
    }

    /// <summary>Writes the root file system as a tar stream, the format the engine imports.</summary>
    public async Task WriteTarAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        var directories = new SortedSet<string>(StringComparer.Ordinal) { "tmp" };
        foreach (var target in _files.Select(f => f.Target).Append($"{AppDirectory}/Toolshed.Egress.runtimeconfig.json"))
        {
            for (var parent = Path.GetDirectoryName(target.TrimStart('/')); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            {
                directories.Add(parent);
            }
        }

        foreach (var directory in directories)
        {
            var mode = directory == "tmp"
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                  | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit
                : ReadAndExecute;
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = mode }, cancellationToken);
        }

        foreach (var (source, target) in _files)
        {
            var info = new FileInfo(source);
            var real = info.LinkTarget is null ? info : (FileInfo)info.ResolveLinkTarget(returnFinalTarget: true)!;
            await using var content = real.OpenRead();
            var entry = new PaxTarEntry(TarEntryType.RegularFile, target.TrimStart('/'))
            {
                Mode = (real.UnixFileMode & UnixFileMode.UserExecute) != 0 ? ReadAndExecute : ReadOnly,
                DataStream = content,
            };
            await tar.WriteEntryAsync(entry, cancellationToken);
        }

        using var config = new MemoryStream(Encoding.UTF8.GetBytes(_runtimeConfig));
        await tar.WriteEntryAsync(
            new PaxTarEntry(TarEntryType.RegularFile, $"{AppDirectory.TrimStart('/')}/Toolshed.Egress.runtimeconfig.json") { Mode = ReadOnly, DataStream = config },
            cancellationToken);
    }

    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ReadAndExecute = ReadOnly | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
