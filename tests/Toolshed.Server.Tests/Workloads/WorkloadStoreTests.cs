using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Workloads;

public sealed class WorkloadStoreTests : IDisposable
{
    private readonly TemporaryDirectory _home = new();
    private readonly WorkloadStore _store;

    public WorkloadStoreTests()
    {
        _store = new WorkloadStore(TestPaths.In(_home));
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task TryInsert_AllowSensitiveMounts_IsKeptSoTheReconcilerCanRecreateTheContainer()
    {
        var ct = TestContext.Current.CancellationToken;
        var record = Record("sensitive") with { Spec = Record("sensitive").Spec with { AllowSensitiveMounts = true } };

        Assert.True(await _store.TryInsertAsync(record, ct));

        Assert.True((await _store.GetAsync("sensitive", ct))!.Spec.AllowSensitiveMounts);
        Assert.False((await _store.TryInsertAsync(Record("plain"), ct) ? await _store.GetAsync("plain", ct) : null)!.Spec.AllowSensitiveMounts);
    }

    [Fact]
    public async Task TryInsert_ThenGet_RoundTripsTheWholeRunConfig()
    {
        var ct = TestContext.Current.CancellationToken;
        var record = Record("full") with { ContainerId = "abc", RestartCount = 2, LastExitCode = 7 };

        Assert.True(await _store.TryInsertAsync(record, ct));
        var read = await _store.GetAsync("full", ct);

        Assert.NotNull(read);
        Assert.Equal(record.Spec.Image, read.Spec.Image);
        Assert.Equal(McpTransport.Sse, read.Spec.Transport);
        Assert.Equal(8000, read.Spec.TargetPort);
        Assert.Equal(["--flag", "value"], read.Spec.Arguments);
        Assert.Equal("1", read.Spec.Environment["A"]);
        Assert.Equal(new VolumeMount("/tmp", "/data", true), Assert.Single(read.Spec.Volumes));
        Assert.Equal(new SecretReference("token", "API_TOKEN"), Assert.Single(read.Spec.Secrets));
        Assert.Equal("abc", read.ContainerId);
        Assert.Equal(2, read.RestartCount);
        Assert.Equal(7, read.LastExitCode);
        Assert.Equal(record.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task TryInsert_NameTaken_ReturnsFalseAndKeepsTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await _store.TryInsertAsync(Record("same"), ct));

        Assert.False(await _store.TryInsertAsync(Record("same") with { ContainerId = "other" }, ct));
        Assert.Null((await _store.GetAsync("same", ct))!.ContainerId);
    }

    [Fact]
    public async Task UpdateAndDelete_ChangeOnlyTheirRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.TryInsertAsync(Record("a"), ct);
        await _store.TryInsertAsync(Record("b"), ct);

        await _store.UpdateAsync(Record("a") with { DesiredState = WorkloadDesiredState.Stopped }, ct);
        Assert.True(await _store.DeleteAsync("b", ct));
        Assert.False(await _store.DeleteAsync("b", ct));

        var all = await _store.ListAsync(ct);
        Assert.Equal(WorkloadDesiredState.Stopped, Assert.Single(all).DesiredState);
    }

    [Fact]
    public async Task SecondStore_SameFile_SeesWhatTheFirstWrote()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.TryInsertAsync(Record("persisted"), ct);

        var reopened = new WorkloadStore(TestPaths.In(_home));

        Assert.NotNull(await reopened.GetAsync("persisted", ct));
    }

    private static WorkloadRecord Record(string name) => new()
    {
        Spec = new WorkloadSpec
        {
            Name = name,
            Image = "example/server:1",
            Transport = McpTransport.Sse,
            TargetPort = 8000,
            ProxyPort = 41000,
            Arguments = ["--flag", "value"],
            Environment = new Dictionary<string, string> { ["A"] = "1" },
            Volumes = [new VolumeMount("/tmp", "/data", true)],
            Secrets = [new SecretReference("token", "API_TOKEN")],
        },
        CreatedAt = new DateTimeOffset(2026, 11, 29, 1, 2, 3, TimeSpan.Zero),
    };
}
