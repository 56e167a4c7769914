using System.Formats.Tar;
using System.Text;
using Toolshed.Runtime.Docker.Packages;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests.Packages;

public sealed class PackageBuildContextTests
{
    [Fact]
    public async Task Write_PutsDockerfileCaCredentialsAndSourceWhereTheDockerfileLooks()
    {
        using var source = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(source.Path, "node_modules", "dep"));
        await File.WriteAllTextAsync(Path.Combine(source.Path, "node_modules", "dep", "index.js"), "skipped", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(source.Path, "go.mod"), "module example.com/x\n", TestContext.Current.CancellationToken);
        using var tar = new MemoryStream();

        await PackageBuildContext.WriteAsync(
            tar, "FROM x\n", "CA"u8.ToArray(), new Dictionary<string, string> { ["netrc"] = "machine h login u password p\n" }, source.Path,
            TestContext.Current.CancellationToken);

        tar.Position = 0;
        var entries = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new StreamReader(entry.DataStream!, Encoding.UTF8);
            entries[entry.Name] = await content.ReadToEndAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal("FROM x\n", entries["Dockerfile"]);
        Assert.Equal("CA", entries["toolshed-build/ca.crt"]);
        Assert.Equal("machine h login u password p\n", entries["toolshed-build/netrc"]);
        Assert.Equal("module example.com/x\n", entries["toolshed-src/go.mod"]);
        Assert.DoesNotContain(entries.Keys, key => key.Contains("node_modules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_UnknownCredentialsFile_IsRefused()
    {
        using var tar = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() => PackageBuildContext.WriteAsync(
            tar, "FROM x\n", null, new Dictionary<string, string> { ["../etc/passwd"] = "x" }, null, TestContext.Current.CancellationToken));
    }
}
