using System.Formats.Tar;
using Toolshed.Runtime.Docker.Egress;

namespace Toolshed.Runtime.Docker.Tests.Egress;

/// <summary>The sidecar image's file system, collected from the runtime these tests run on.</summary>
public sealed class EgressRootFilesystemTests
{
    [Fact]
    public void Ldd_Output_YieldsOnlyResolvedAbsolutePaths()
    {
        const string output = """
            	linux-vdso.so.1 (0x00007ffd0d5f2000)
            	libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f0e3c600000)
            	libicuuc.so.72 => not found
            	/lib64/ld-linux-x86-64.so.2 (0x00007f0e3cb4b000)
            """;

        Assert.Equal(["/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/ld-linux-x86-64.so.2"], NativeDependencies.Parse(output));
    }

    [Fact]
    public async Task Tarball_HoldsTheProxyBinaryAndTheLibrariesItLinks_AndNoDotnetRuntime()
    {
        var layout = await EgressRootFilesystem.CollectAsync(TestContext.Current.CancellationToken);
        using var tar = new MemoryStream();

        await layout.WriteTarAsync(tar, TestContext.Current.CancellationToken);

        tar.Position = 0;
        var tarBytes = tar.Length;
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        using (var reader = new TarReader(tar))
        {
            while (await reader.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
            {
                entries[entry.Name] = entry;
            }
        }

        Assert.StartsWith("toolshed/egress:", layout.Image, StringComparison.Ordinal);
        Assert.Equal(["/app/toolshed-egress"], EgressRootFilesystem.Command);
        Assert.Equal(TarEntryType.RegularFile, entries["app/toolshed-egress"].EntryType);
        Assert.True((entries["app/toolshed-egress"].Mode & UnixFileMode.OtherExecute) != 0);
        Assert.Contains(entries.Keys, name => name.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.DoesNotContain(entries.Keys, name => name.StartsWith("dotnet/", StringComparison.Ordinal) || name.EndsWith(".dll", StringComparison.Ordinal));
        // A single binary and the C libraries it loads: a few MB, not a .NET runtime (about 90 MB before).
        Assert.InRange(tarBytes, 1, 40L * 1024 * 1024);
        Assert.DoesNotContain(entries.Values, entry => entry.EntryType == TarEntryType.SymbolicLink);
        Assert.Equal(TarEntryType.Directory, entries["tmp/"].EntryType);
    }

    [Fact]
    public async Task ImageTag_IsStableForTheSameInputs()
    {
        var first = await EgressRootFilesystem.CollectAsync(TestContext.Current.CancellationToken);
        var second = await EgressRootFilesystem.CollectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(first.Image, second.Image);
    }

    [Fact]
    public async Task Collect_BinaryMissing_SaysWhatIsMissingAndHowToFixIt()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => EgressRootFilesystem.CollectAsync("/nonexistent/egress/Toolshed.Egress", TestContext.Current.CancellationToken));

        Assert.Contains("/nonexistent/egress/Toolshed.Egress", error.Message, StringComparison.Ordinal);
        Assert.Contains("rebuild", error.Message, StringComparison.Ordinal);
    }
}
