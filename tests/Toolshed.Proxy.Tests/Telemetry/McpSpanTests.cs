using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Proxy.Tests.Auth;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Proxy.Telemetry;
using Toolshed.Testing;
using C = Toolshed.Proxy.Telemetry.McpSemanticConventions;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>
/// The spans a real client's calls produce through a stdio proxy to a real server (the C# test server), recorded by
/// the OpenTelemetry SDK: names, kinds, parents and attributes exactly as the MCP conventions give them.
/// </summary>
public sealed class McpSpanTests : IDisposable
{
    private readonly TelemetryCapture _capture = new();
    private readonly TemporaryDirectory _state = new();

    public void Dispose()
    {
        _capture.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task ToolCall_Succeeds_ServerAndClientSpansFollowTheConventions()
    {
        const string workload = "tel-spans-ok";
        await using var harness = await StartAsync(workload);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        var result = await client.CallToolAsync("echo", Clients.Args(("message", "hi")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        var server = Single(workload, ActivityKind.Server, "tools/call echo");
        Assert.Equal("tools/call", server.GetTagItem(C.MethodName));
        Assert.Equal("echo", server.GetTagItem(C.ToolName));
        Assert.Equal(C.ExecuteTool, server.GetTagItem(C.OperationName));
        Assert.Equal("2025-11-25", server.GetTagItem(C.ProtocolVersion));
        Assert.Equal(client.SessionId, server.GetTagItem(C.SessionId));
        Assert.Equal("tcp", server.GetTagItem(C.NetworkTransport));
        Assert.Equal("http", server.GetTagItem(C.NetworkProtocolName));
        Assert.Equal("127.0.0.1", server.GetTagItem(C.ClientAddress));
        Assert.IsType<int>(server.GetTagItem(C.ClientPort));
        Assert.NotNull(server.GetTagItem(C.RequestId));
        Assert.Null(server.GetTagItem(C.ErrorType));
        Assert.Null(server.GetTagItem(C.ToolCallArguments)); // never without the opt-in
        Assert.Null(server.GetTagItem(C.ToolCallResult));
        Assert.Equal(ActivityStatusCode.Unset, server.Status);

        var upstream = Single(workload, ActivityKind.Client, "tools/call echo");
        Assert.Equal(server.SpanId, upstream.ParentSpanId);
        Assert.Equal(server.TraceId, upstream.TraceId);
        Assert.Equal("pipe", upstream.GetTagItem(C.NetworkTransport));
        Assert.Equal("echo", upstream.GetTagItem(C.ToolName));
        Assert.NotNull(upstream.GetTagItem(C.ProtocolVersion));
        Assert.NotNull(upstream.GetTagItem(C.RequestId));
        Assert.Null(upstream.GetTagItem(C.ErrorType));
    }

    [Fact]
    public async Task ToolCall_WithTraceparentInMeta_IsItsChildAndTheServerSeesTheProxysSpan()
    {
        const string workload = "tel-spans-meta";
        await using var harness = await StartAsync(workload);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());
        var callerTrace = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        var result = await client.CallToolAsync(new CallToolRequestParams
        {
            Name = "meta",
            Meta = new JsonObject { ["traceparent"] = $"00-{callerTrace}-{callerSpan}-01", ["tracestate"] = "caller=1" },
        }, TestContext.Current.CancellationToken);

        var server = Single(workload, ActivityKind.Server, "tools/call meta");
        Assert.Equal(callerTrace, server.TraceId);
        Assert.Equal(callerSpan, server.ParentSpanId);
        var upstream = Single(workload, ActivityKind.Client, "tools/call meta");
        var seen = JsonNode.Parse(((TextContentBlock)result.Content[0]).Text)!.AsObject();
        Assert.Equal($"00-{callerTrace}-{upstream.SpanId}-01", seen["traceparent"]?.ToString());
    }

    [Fact]
    public async Task ToolCall_ToolError_IsToolErrorWithErrorStatus()
    {
        const string workload = "tel-spans-toolerror";
        await using var harness = await StartAsync(workload);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        var result = await client.CallToolAsync("fail", Clients.Args(("message", "broken on purpose")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        var server = Single(workload, ActivityKind.Server, "tools/call fail");
        Assert.Equal(C.ToolError, server.GetTagItem(C.ErrorType));
        Assert.Null(server.GetTagItem(C.ResponseStatusCode));
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        Assert.Equal(C.ToolError, Single(workload, ActivityKind.Client, "tools/call fail").GetTagItem(C.ErrorType));
    }

    [Fact]
    public async Task ToolCall_ProtocolError_CarriesTheJsonRpcCode()
    {
        const string workload = "tel-spans-rpcerror";
        await using var harness = await StartAsync(workload);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        var failure = await Assert.ThrowsAsync<McpProtocolException>(
            () => client.CallToolAsync("no-such-tool", cancellationToken: TestContext.Current.CancellationToken).AsTask());

        var server = Single(workload, ActivityKind.Server, "tools/call no-such-tool");
        var code = ((int)failure.ErrorCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(code, server.GetTagItem(C.ErrorType));
        Assert.Equal(code, server.GetTagItem(C.ResponseStatusCode));
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        Assert.False(string.IsNullOrEmpty(server.StatusDescription));
    }

    [Fact]
    public async Task ToolCall_DeniedByPolicy_HasNoUpstreamSpanAndSaysDeny()
    {
        const string workload = "tel-spans-denied";
        await using var harness = await StartAsync(workload, options => options with { Authorizer = new AllowListAuthorizer("echo") });
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        await Assert.ThrowsAnyAsync<Exception>(
            () => client.CallToolAsync("sleep", Clients.Args(("milliseconds", 1)), cancellationToken: TestContext.Current.CancellationToken).AsTask());

        var server = Single(workload, ActivityKind.Server, "tools/call sleep");
        Assert.Equal("-32003", server.GetTagItem(C.ErrorType));
        Assert.Equal("deny", server.GetTagItem(C.Decision));
        Assert.DoesNotContain(_capture.SpansOf(workload), s => s.Kind == ActivityKind.Client && s.DisplayName == "tools/call sleep");
    }

    [Fact]
    public async Task ToolCall_ServerTooSlow_ClientSpanTimesOutAndServerSpanCarriesTheCode()
    {
        const string workload = "tel-spans-timeout";
        await using var harness = await StartAsync(workload, options => options with { RequestTimeout = TimeSpan.FromSeconds(3) });
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        await Assert.ThrowsAsync<McpProtocolException>(
            () => client.CallToolAsync("sleep", Clients.Args(("milliseconds", 10_000)), cancellationToken: TestContext.Current.CancellationToken).AsTask());

        var upstream = Single(workload, ActivityKind.Client, "tools/call sleep");
        Assert.Equal(C.Timeout, upstream.GetTagItem(C.ErrorType));
        Assert.Equal(ActivityStatusCode.Error, upstream.Status);
        Assert.Equal("-32001", Single(workload, ActivityKind.Server, "tools/call sleep").GetTagItem(C.ErrorType));
    }

    [Fact]
    public async Task ToolCall_WithRecordArguments_RecordsArgumentsAndResult()
    {
        const string workload = "tel-spans-args";
        await using var harness = await StartAsync(workload, telemetry: new TelemetryOptions { RecordArguments = true });
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        await client.CallToolAsync("echo", Clients.Args(("message", "recorded")), cancellationToken: TestContext.Current.CancellationToken);

        var server = Single(workload, ActivityKind.Server, "tools/call echo");
        Assert.Contains("\"recorded\"", (string)server.GetTagItem(C.ToolCallArguments)!, StringComparison.Ordinal);
        Assert.Contains("recorded", (string)server.GetTagItem(C.ToolCallResult)!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolCall_Audited_AuditLineCarriesTheTraceId()
    {
        const string workload = "tel-spans-audit";
        await using var harness = await StartAsync(workload, options => options with { AuditDirectory = _state.Combine("audit") });
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp, Clients.Legacy());

        await client.CallToolAsync("echo", Clients.Args(("message", "audited")), cancellationToken: TestContext.Current.CancellationToken);

        var server = Single(workload, ActivityKind.Server, "tools/call echo");
        var line = File.ReadLines(harness.Proxy.AuditLogPath!).Select(l => JsonNode.Parse(l)!).Single(l => l["method"]?.ToString() == "tools/call");
        Assert.Equal(server.TraceId.ToHexString(), line["trace_id"]?.ToString());
    }

    private Activity Single(string workload, ActivityKind kind, string name) =>
        Assert.Single(_capture.SpansOf(workload), s => s.Kind == kind && s.DisplayName == name);

    private static Task<ProxyHarness> StartAsync(
        string workload, Func<WorkloadProxyOptions, WorkloadProxyOptions>? configure = null, TelemetryOptions? telemetry = null) =>
        ProxyHarness.StartAsync(
            TestServers.StartCSharpServer,
            options => configure?.Invoke(options with { WorkloadName = workload }) ?? options with { WorkloadName = workload },
            telemetry: telemetry);
}
