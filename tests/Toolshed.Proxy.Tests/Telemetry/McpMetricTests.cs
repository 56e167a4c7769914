using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Proxy.Telemetry;
using C = Toolshed.Proxy.Telemetry.McpSemanticConventions;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>The metrics a real client's calls produce, read from the SDK's in-memory exporter, and their bounds.</summary>
public sealed class McpMetricTests : IDisposable
{
    private readonly TelemetryCapture _capture = new();

    public void Dispose() => _capture.Dispose();

    [Fact]
    public async Task ToolCalls_RecordOperationDurationsWithTheConventionsAttributesAndBuckets()
    {
        const string workload = "tel-metrics-calls";
        await using var harness = await ProxyHarness.StartAsync(TestServers.StartCSharpServer, o => o with { WorkloadName = workload });
        var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());
        for (var i = 0; i < 3; i++)
        {
            await client.CallToolAsync("echo", Clients.Args(("message", "m")), cancellationToken: TestContext.Current.CancellationToken);
        }

        await client.CallToolAsync("fail", Clients.Args(("message", "no")), cancellationToken: TestContext.Current.CancellationToken);

        var echo = Assert.Single(_capture.PointsOf(C.ServerOperationDuration, workload), p => Is(p, "gen_ai.tool.name", "echo"));
        Assert.Equal(3, echo.Count);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                [C.MethodName] = "tools/call",
                [C.ToolName] = "echo",
                [C.OperationName] = C.ExecuteTool,
                [C.ProtocolVersion] = "2025-11-25",
                [C.NetworkTransport] = "tcp",
                [C.NetworkProtocolName] = "http",
                [C.NetworkProtocolVersion] = "1.1",
                [C.Workload] = workload,
            },
            echo.Tags.ToDictionary());
        Assert.Equal([.. C.DurationBuckets, double.PositiveInfinity], echo.Bounds);
        var failed = Assert.Single(_capture.PointsOf(C.ServerOperationDuration, workload), p => Is(p, "gen_ai.tool.name", "fail"));
        Assert.Equal(C.ToolError, failed.Tags[C.ErrorType]);

        Assert.Equal(3, Assert.Single(_capture.PointsOf(C.Calls, workload), p => Is(p, C.ToolName, "echo")).Count);
        var errors = Assert.Single(_capture.PointsOf(C.Errors, workload));
        Assert.Equal((C.ToolError, 1L), (errors.Tags[C.ErrorType], errors.Count));
        var upstream = _capture.PointsOf(C.ClientOperationDuration, workload).Where(p => Is(p, C.ToolName, "echo")).ToList();
        Assert.Equal(3, Assert.Single(upstream).Count);
        Assert.Equal("pipe", upstream[0].Tags[C.NetworkTransport]);

        Assert.Equal(1, Assert.Single(_capture.PointsOf(C.Sessions, workload)).Count);
        await client.DisposeAsync(); // DELETE ends the session
        Assert.Equal(0, Assert.Single(_capture.PointsOf(C.Sessions, workload)).Count);
        var session = Assert.Single(_capture.PointsOf(C.ServerSessionDuration, workload));
        Assert.Equal((1L, "2025-11-25"), (session.Count, session.Tags[C.ProtocolVersion]));
    }

    [Fact]
    public void HostileToolNames_HundredThousandDistinct_KeepSeriesAndMemoryBounded()
    {
        const string endpointName = "tel-metrics-hostile";
        var telemetry = TestMeters.Create();
        using var endpoint = telemetry.ForEndpoint(endpointName, isGroup: false, () => 0);
        Record(endpoint, "warm-up");
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 100_000; i++)
        {
            Record(endpoint, $"{UnlessHostileSampler.Prefix}{i}-{new string('x', i % 300)}");
        }

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"100,000 distinct tool names: {endpoint.Tools.Count} labels kept, heap grew {grown} bytes");
        Assert.True(endpoint.Tools.Count <= telemetry.Options.MaxLabelValues, $"{endpoint.Tools.Count} tool labels kept");
        var series = _capture.PointsOf(C.Calls, endpointName);
        Assert.InRange(series.Count, 2, telemetry.Options.MaxLabelValues + 1);
        Assert.Equal(100_000 - telemetry.Options.MaxLabelValues + 1, Assert.Single(series, p => Is(p, C.ToolName, C.Other)).Count);
        Assert.All(series, p => Assert.True(((string)p.Tags[C.ToolName]!).Length <= telemetry.Options.MaxLabelChars));
        Assert.True(grown < 4 * 1024 * 1024, $"memory grew by {grown} bytes for 100,000 distinct tool names");
    }

    private static void Record(EndpointTelemetry endpoint, string tool)
    {
        var request = new JsonObject { ["method"] = "tools/call", ["params"] = new JsonObject { ["name"] = tool } };
        endpoint.StartServer(null, request, "tools/call", 1).Finish(OperationOutcome.Success, new("2025-11-25", null, null, null), null);
    }

    private static bool Is(MetricPointSnapshot point, string key, string value) => point.Tags.TryGetValue(key, out var v) && v as string == value;
}
