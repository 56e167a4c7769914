using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>
/// The egress sidecar's image: the proxy's self-contained binary (NativeAOT, or a trimmed single file where the build
/// had no C toolchain; see the csproj) and the shared libraries it loads as this host resolves them. No .NET runtime
/// and no registry are involved; the tag changes whenever the binary or one of those libraries does.
/// </summary>
internal sealed class EgressRootFilesystem
{
    public const string Repository = EgressImage.Repository;
    private const string AppDirectory = "/app";
    private const string BinaryTarget = $"{AppDirectory}/toolshed-egress";

    private readonly IReadOnlyList<(string Source, string Target)> _files;

    private EgressRootFilesystem(IReadOnlyList<(string Source, string Target)> files, string image, IReadOnlyList<string> libraryDirectories)
    {
        _files = files;
        Image = image;
        LibraryDirectories = libraryDirectories;
    }

    /// <summary>Where the build puts the proxy's binary, next to this assembly.</summary>
    public static string BinaryPath => Path.Combine(AppContext.BaseDirectory, "egress", "Toolshed.Egress");

    /// <summary>The image reference, e.g. toolshed/egress:3f2a9c…</summary>
    public string Image { get; }

    public IReadOnlyList<string> LibraryDirectories { get; }

    /// <summary>What the sidecar runs.</summary>
    public static IReadOnlyList<string> Command => [BinaryTarget];

    /// <summary>Environment the sidecar needs besides its policy: where the libraries are, and no diagnostics IPC
    /// (the root file system is read-only).</summary>
    public IReadOnlyDictionary<string, string> RuntimeEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LD_LIBRARY_PATH"] = string.Join(':', LibraryDirectories),
        ["DOTNET_EnableDiagnostics"] = "0",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
    };

    public static async Task<EgressRootFilesystem> CollectAsync(CancellationToken cancellationToken) =>
        await CollectAsync(BinaryPath, cancellationToken);

    internal static async Task<EgressRootFilesystem> CollectAsync(string binary, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"The egress proxy's binary {binary} is missing from this installation; rebuild it (`./shed` rebuilds when the sources change, or `dotnet build`).");
        }

        var files = new List<(string Source, string Target)> { (binary, BinaryTarget) };
        var libraries = await NativeDependencies.ResolveAsync([binary], cancellationToken);
        files.AddRange(libraries.Select(library => (library, library)));
        var libraryDirectories = libraries.Select(l => Path.GetDirectoryName(l)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(RuntimeInformation.RuntimeIdentifier + "\n"));
        hash.AppendData(await File.ReadAllBytesAsync(binary, cancellationToken));
        foreach (var (source, target) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{target}:{new FileInfo(source).Length}\n"));
        }

        var tag = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return new EgressRootFilesystem(files, $"{Repository}:{tag}", libraryDirectories);
    }

    /// <summary>Writes the root file system as a tar stream, the format the engine imports.</summary>
    public async Task WriteTarAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        var directories = new SortedSet<string>(StringComparer.Ordinal) { "tmp" };
        foreach (var target in _files.Select(f => f.Target))
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
    }

    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ReadAndExecute = ReadOnly | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
