using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Telemetry.Stats;

namespace Toolshed.Proxy.Tests.Telemetry.Stats;

public sealed class EndpointStatsStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Record_CallsAndErrors_CountedInTheWindowAndTotalsAndPerTool()
    {
        var store = new EndpointStatsStore(_time);
        var stats = store.Open("fetch", isGroup: false)!;
        for (var i = 0; i < 10; i++)
        {
            var started = _time.GetTimestamp();
            _time.Advance(TimeSpan.FromMilliseconds(4));
            stats.Record("fetch", started, failed: i == 0);
        }

        stats.Record(tool: null, _time.GetTimestamp(), failed: false); // a tools/list

        var read = store.Read("fetch", isGroup: false, window: 60, tools: true)!;
        Assert.Equal(11, read.Figures.WindowCalls);
        Assert.Equal(1, read.Figures.WindowErrors);
        Assert.Equal(11, read.Figures.TotalCalls);
        var tool = Assert.Single(read.Tools);
        Assert.Equal("fetch", tool.Name);
        Assert.Equal(10, tool.Figures.WindowCalls);
        Assert.InRange(tool.Figures.P50Ms!.Value, 2, 8);
    }

    [Fact]
    public void Read_AfterTheWindowPassed_CountsNothingInItButKeepsTheTotals()
    {
        var store = new EndpointStatsStore(_time);
        var stats = store.Open("fetch", isGroup: false)!;
        stats.Record("fetch", _time.GetTimestamp(), failed: false);
        _time.Advance(TimeSpan.FromSeconds(5));
        stats.Record("fetch", _time.GetTimestamp(), failed: true);

        var lastThree = store.Read("fetch", false, window: 3, tools: false)!.Figures;
        _time.Advance(TimeSpan.FromSeconds(61));
        var later = store.Read("fetch", false, window: 60, tools: false)!.Figures;

        Assert.Equal((1L, 1L, 2L), (lastThree.WindowCalls, lastThree.WindowErrors, lastThree.TotalCalls));
        Assert.Equal((0L, 2L, 1L), (later.WindowCalls, later.TotalCalls, later.TotalErrors));
        Assert.Null(later.P99Ms);
    }

    [Fact]
    public void Read_YoungEndpoint_RateOverItsOwnLifeNotTheWholeMinute()
    {
        var store = new EndpointStatsStore(_time);
        var stats = store.Open("fetch", isGroup: false)!;
        _time.Advance(TimeSpan.FromSeconds(4));
        for (var i = 0; i < 40; i++)
        {
            stats.Record("fetch", _time.GetTimestamp(), failed: false);
        }

        Assert.InRange(store.Read("fetch", false, 60, false)!.Figures.CallsPerSecond, 8, 12);
    }

    [Fact]
    public void Record_HundredThousandHostileToolNames_BoundedRowsCutNamesAndLittleMemory()
    {
        var store = new EndpointStatsStore(_time);
        var stats = store.Open("victim", isGroup: false)!;
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 100_000; i++)
        {
            stats.Record(i + new string('x', 200), _time.GetTimestamp(), failed: false);
        }

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        var read = store.Read("victim", false, 60, tools: true)!;
        Assert.Equal(EndpointStatsStore.MaxToolsPerEndpoint + 1, read.Tools.Count);
        Assert.All(read.Tools, t => Assert.True(t.Name.Length <= EndpointStatsStore.MaxToolNameChars));
        Assert.Equal(100_000, read.Tools.Sum(t => t.Figures.WindowCalls));
        Assert.Contains(read.Tools, t => t.Name == EndpointStats.OtherTools);
        Assert.InRange(grown, 0, 4 * 1024 * 1024);
        GC.KeepAlive(stats);
    }

    [Fact]
    public void Open_ManyEndpoints_ToolRowsShareOneDaemonWideBudgetThatRemovalGivesBack()
    {
        var store = new EndpointStatsStore(_time);
        var endpoints = Enumerable.Range(0, 10).Select(i => store.Open($"w{i}", isGroup: false)!).ToList();
        foreach (var endpoint in endpoints)
        {
            for (var t = 0; t < EndpointStatsStore.MaxToolsPerEndpoint; t++)
            {
                endpoint.Record($"tool{t}", _time.GetTimestamp(), failed: false);
            }
        }

        var rows = store.ReadAll(60, tools: true).Sum(e => e.Tools.Count(t => t.Name != EndpointStats.OtherTools));
        store.Remove("w0", isGroup: false);
        var fresh = store.Open("fresh", isGroup: false)!;
        fresh.Record("new-tool", _time.GetTimestamp(), failed: false);

        Assert.Equal(EndpointStatsStore.MaxToolRows, rows);
        Assert.Null(store.Read("w0", false, 60, false));
        Assert.Equal("new-tool", Assert.Single(store.Read("fresh", false, 60, tools: true)!.Tools).Name);
    }

    [Fact]
    public void Open_SameNameAgain_KeepsTheFiguresAndGroupsAreApartFromWorkloads()
    {
        var store = new EndpointStatsStore(_time);
        store.Open("dev", isGroup: false)!.Record("a", _time.GetTimestamp(), failed: false);

        var again = store.Open("dev", isGroup: false)!;
        var group = store.Open("dev", isGroup: true)!;

        Assert.Equal(1, again.Read(60, false).Figures.TotalCalls);
        Assert.Equal(0, group.Read(60, false).Figures.TotalCalls);
        Assert.Equal([false, true], store.ReadAll(60, false).Select(e => e.IsGroup));
    }

    [Fact]
    public void Open_BeyondMaxEndpoints_GivesNullInsteadOfGrowing()
    {
        var store = new EndpointStatsStore(_time);
        for (var i = 0; i < EndpointStatsStore.MaxEndpoints; i++)
        {
            Assert.NotNull(store.Open($"w{i}", isGroup: false));
        }

        Assert.Null(store.Open("one-too-many", isGroup: false));
        Assert.NotNull(store.Open("w0", isGroup: false));
    }

    [Fact]
    public async Task Record_FromManyThreads_LosesNoCall()
    {
        var store = new EndpointStatsStore(TimeProvider.System);
        var stats = store.Open("busy", isGroup: false)!;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                stats.Record($"tool{i % 4}", TimeProvider.System.GetTimestamp(), failed: i % 10 == 0);
            }
        }, TestContext.Current.CancellationToken)));

        var read = stats.Read(60, tools: true).Figures;
        Assert.Equal((80_000L, 8_000L), (read.TotalCalls, read.TotalErrors));
    }
}
