using Toolshed.Proxy.Audit;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Auth;

public sealed class AuditLogTests
{
    private static AuditRecord Record(int i) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        Workload = "w",
        Method = "tools/call",
        Name = "tool-" + i,
        Decision = "none",
        Outcome = "success",
    };

    [Fact]
    public async Task Write_PastMaxBytes_RotatesKeepingTheConfiguredNumberOfFiles()
    {
        using var directory = new TemporaryDirectory();
        using (var log = new AuditLog(directory.Path, "w", maxBytes: 1024, keep: 2))
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.True(log.Write(Record(i)));
            }
        }

        var path = AuditLog.PathFor(directory.Path, "w");
        Assert.True(new FileInfo(path).Length <= 1024);
        Assert.True(File.Exists(path + ".1"));
        Assert.True(File.Exists(path + ".2"));
        Assert.False(File.Exists(path + ".3"));

        var tail = await AuditLogReader.TailAsync(directory.Path, "w", 3, TestContext.Current.CancellationToken);
        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("tool-99", lines[^1], StringComparison.Ordinal);
        Assert.Contains("tool-97", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_NoLogYet_ReturnsEmpty()
    {
        using var directory = new TemporaryDirectory();

        Assert.Equal("", await AuditLogReader.TailAsync(directory.Path, "none", 10, TestContext.Current.CancellationToken));
    }
}
