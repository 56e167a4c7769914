using System.Diagnostics;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
using Toolshed.Testing;

namespace Toolshed.Core.Tests.IO;

public sealed class SafeFileReaderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("toolshed-safe-read");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadTextAsync_RegularFile_ReturnsItsText()
    {
        var path = _directory.Combine("policy.json");
        await File.WriteAllTextAsync(path, "{\"ok\": true}", TestContext.Current.CancellationToken);

        Assert.Equal("{\"ok\": true}", await SafeFileReader.ReadTextAsync(path, "The file", "f", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadTextAsync_Fifo_IsRefusedWithoutBlocking()
    {
        var path = _directory.Combine("pipe");
        await MakeFifoAsync(path);

        // No writer ever opens the FIFO: a blocking open would hang here until the test times out.
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => SafeFileReader.ReadTextAsync(path, "The file", "f", TestContext.Current.CancellationToken));

        Assert.Equal("f", error.Field);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
        Assert.Contains(SafeFileReader.Rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero", "a device")]
    [InlineData("/dev/null", "a device")]
    [InlineData("/tmp", "a directory")]
    public async Task ReadTextAsync_NotARegularFile_IsRefusedNamingPathAndRule(string path, string described)
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => SafeFileReader.ReadTextAsync(path, "The file", "f", TestContext.Current.CancellationToken));

        Assert.Equal($"The file {path} is {described}; {SafeFileReader.Rule}.", error.Message);
    }

    [Fact]
    public async Task ReadTextAsync_TwoMebibytes_IsRefusedWithoutQuotingIt()
    {
        var path = _directory.Combine("big.json");
        await File.WriteAllTextAsync(path, "SECRET-" + new string('x', 2 * 1024 * 1024), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => SafeFileReader.ReadTextAsync(path, "The file", "f", TestContext.Current.CancellationToken));

        Assert.Contains("larger than 1 MiB", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTextAsync_SymlinkToDevice_IsRefused()
    {
        var path = _directory.Combine("innocent.json");
        File.CreateSymbolicLink(path, "/dev/zero");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => SafeFileReader.ReadTextAsync(path, "The file", "f", TestContext.Current.CancellationToken));

        Assert.Contains("a device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTextAsync_MissingOrRelative_IsRefused()
    {
        var missing = await Assert.ThrowsAsync<InvalidInputException>(() =>
            SafeFileReader.ReadTextAsync(_directory.Combine("nope"), "The file", "f", TestContext.Current.CancellationToken));
        var relative = await Assert.ThrowsAsync<InvalidInputException>(() =>
            SafeFileReader.ReadTextAsync("policy.json", "The file", "f", TestContext.Current.CancellationToken));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not an absolute path", relative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTextAsync_BinaryFile_IsRefusedAsNotText()
    {
        var path = _directory.Combine("binary");
        await File.WriteAllBytesAsync(path, [0xFF, 0xFE, 0x00, 0xC3], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => SafeFileReader.ReadTextAsync(path, "The file", "f", TestContext.Current.CancellationToken));

        Assert.Contains("not UTF-8 text", error.Message, StringComparison.Ordinal);
    }

    internal static async Task MakeFifoAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task ReadText_LargerLimitGiven_ReadsWhatTheDefaultRefuses()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "big.json");
        await File.WriteAllTextAsync(path, new string('x', 2 * 1024 * 1024 + 7), TestContext.Current.CancellationToken);

        var text = await SafeFileReader.ReadTextAsync(path, "The file", "path", 4 * 1024 * 1024, TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<Toolshed.Core.Errors.InvalidInputException>(
            () => SafeFileReader.ReadTextAsync(path, "The file", "path", TestContext.Current.CancellationToken));

        Assert.Equal(2 * 1024 * 1024 + 7, text.Length);
        Assert.Contains("larger than 1 MiB", refused.Message, StringComparison.Ordinal);
    }
}
