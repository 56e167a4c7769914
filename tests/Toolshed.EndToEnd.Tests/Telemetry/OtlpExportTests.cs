using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing.Telemetry;
using C = Toolshed.Proxy.Telemetry.McpSemanticConventions;

namespace Toolshed.EndToEnd.Tests.Telemetry;

/// <summary>
/// What a real daemon exports by OTLP/HTTP while a real MCP client calls tools of a real stdio server: a SERVER span
/// per call and a CLIENT span per upstream request, as the MCP conventions give them; the trace context reaches the
/// server in <c>params._meta</c>; the collector's headers come from the secret store and are never logged; the audit
/// line names the trace.
/// </summary>
public sealed class OtlpExportTests(OtlpDaemonFixture fixture) : IClassFixture<OtlpDaemonFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ToolCalls_RealClient_ServerAndClientSpansExportedWithHeadersAndTraceReachesServer()
    {
        var otlp = fixture.Otlp;
        await using var client = await McpProbe.ConnectAsync(fixture.Port, options: McpProbe.Legacy());

        Assert.Equal("exported", await McpProbe.EchoAsync(client, "exported"));
        var seen = await MetaAsync(client, new CallToolRequestParams { Name = "meta" });

        // echo: the SERVER span of the client's call, the CLIENT span of the proxy's request to the server under it.
        var echoServer = await otlp.WaitForSpanAsync(
            s => s.Kind == ReceivedSpanKind.Server && s.Name == "tools/call echo" && Workload(s) == OtlpDaemonFixture.WorkloadName, s_wait, Token);
        AssertServerSpan(echoServer, "echo", client);
        var echoClient = await otlp.WaitForSpanAsync(s => s.Kind == ReceivedSpanKind.Client && s.ParentSpanId == echoServer.SpanId, s_wait, Token);
        AssertClientSpan(echoClient, echoServer, "echo");

        // meta: what the server saw in _meta names the proxy's CLIENT span, whose parent is the SERVER span.
        var traceparent = ParseTraceParent(seen["traceparent"]?.GetValue<string>());
        var metaClient = await otlp.WaitForSpanAsync(s => s.SpanId == traceparent.SpanId, s_wait, Token);
        Assert.Equal(traceparent.TraceId, metaClient.TraceId);
        // Sampled; the daemon's tracing stack also sets W3C Trace Context Level 2's random-trace-id flag (0x02) on a
        // trace it starts, so this reads "03".
        Assert.Equal(1, Convert.ToInt32(traceparent.Flags, 16) & 1);
        var metaServer = await otlp.WaitForSpanAsync(s => s.SpanId == metaClient.ParentSpanId, s_wait, Token);
        AssertServerSpan(metaServer, "meta", client);
        AssertClientSpan(metaClient, metaServer, "meta");

        // Both signals went out, every request with the header the secret holds; its value is in no log line.
        await otlp.WaitForMetricAsync(m => m.Name == C.Calls && m.Points.Any(p => Equals(p.Attributes.GetValueOrDefault(C.Workload), OtlpDaemonFixture.WorkloadName)), s_wait, Token);
        var requests = otlp.Requests;
        Assert.Contains(requests, r => r.Path == "/v1/traces");
        Assert.Contains(requests, r => r.Path == "/v1/metrics");
        Assert.All(requests, r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.Equal(fixture.HeaderValue, r.Headers.GetValueOrDefault(OtlpDaemonFixture.HeaderName));
        });
        Assert.DoesNotContain(fixture.HeaderValue, fixture.Daemon.Output, StringComparison.Ordinal);

        // The audit line of each call carries its trace id.
        await AssertAuditedInTraceAsync("echo", echoServer.TraceId);
        await AssertAuditedInTraceAsync("meta", metaServer.TraceId);
    }

    [Fact]
    public async Task ToolCall_TraceparentInMeta_ServerSpanIsItsChildAndServerSeesTheClientSpan()
    {
        var otlp = fixture.Otlp;
        await using var client = await McpProbe.ConnectAsync(fixture.Port, options: McpProbe.Legacy());
        var callerTrace = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();

        var seen = await MetaAsync(client, new CallToolRequestParams
        {
            Name = "meta",
            Meta = new JsonObject { ["traceparent"] = $"00-{callerTrace}-{callerSpan}-01", ["tracestate"] = "caller=1" },
        });

        var server = await otlp.WaitForSpanAsync(s => s.Kind == ReceivedSpanKind.Server && s.TraceId == callerTrace, s_wait, Token);
        Assert.Equal(callerSpan, server.ParentSpanId);
        AssertServerSpan(server, "meta", client);
        var upstream = await otlp.WaitForSpanAsync(s => s.Kind == ReceivedSpanKind.Client && s.ParentSpanId == server.SpanId, s_wait, Token);
        AssertClientSpan(upstream, server, "meta");
        Assert.Equal($"00-{callerTrace}-{upstream.SpanId}-01", seen["traceparent"]?.GetValue<string>());
        Assert.Equal("caller=1", seen["tracestate"]?.GetValue<string>());
        await AssertAuditedInTraceAsync("meta", callerTrace);
    }

    private static void AssertServerSpan(ReceivedSpan span, string tool, McpClient client)
    {
        Assert.Equal(ReceivedSpanKind.Server, span.Kind);
        Assert.Equal($"tools/call {tool}", span.Name);
        Assert.Equal("toolshed", span.ServiceName);
        Assert.Equal(C.SourceName, span.ScopeName);
        var attributes = span.Attributes;
        Assert.Equal("tools/call", attributes.GetValueOrDefault(C.MethodName));
        Assert.Equal(tool, attributes.GetValueOrDefault(C.ToolName));
        Assert.Equal(C.ExecuteTool, attributes.GetValueOrDefault(C.OperationName));
        Assert.False(string.IsNullOrEmpty(attributes.GetValueOrDefault(C.RequestId) as string), span.ToString());
        Assert.Equal(client.NegotiatedProtocolVersion, attributes.GetValueOrDefault(C.ProtocolVersion));
        Assert.Equal(client.SessionId, attributes.GetValueOrDefault(C.SessionId));
        Assert.Equal(C.Tcp, attributes.GetValueOrDefault(C.NetworkTransport));
        Assert.Equal("http", attributes.GetValueOrDefault(C.NetworkProtocolName));
        Assert.Equal("127.0.0.1", attributes.GetValueOrDefault(C.ClientAddress));
        Assert.True(attributes.GetValueOrDefault(C.ClientPort) is long port && port > 0, span.ToString());
        Assert.Equal(OtlpDaemonFixture.WorkloadName, Workload(span));
        Assert.False(attributes.ContainsKey(C.ErrorType), span.ToString());
        Assert.False(attributes.ContainsKey(C.ToolCallArguments), "arguments are recorded only with --otel-record-arguments");
        Assert.Equal(ReceivedStatusCode.Unset, span.Status.Code);
    }

    private static void AssertClientSpan(ReceivedSpan span, ReceivedSpan server, string tool)
    {
        Assert.Equal(ReceivedSpanKind.Client, span.Kind);
        Assert.Equal($"tools/call {tool}", span.Name);
        Assert.Equal(server.TraceId, span.TraceId);
        Assert.Equal(server.SpanId, span.ParentSpanId);
        Assert.Equal("toolshed", span.ServiceName);
        var attributes = span.Attributes;
        Assert.Equal("tools/call", attributes.GetValueOrDefault(C.MethodName));
        Assert.Equal(tool, attributes.GetValueOrDefault(C.ToolName));
        Assert.Equal(C.Pipe, attributes.GetValueOrDefault(C.NetworkTransport));
        Assert.False(string.IsNullOrEmpty(attributes.GetValueOrDefault(C.RequestId) as string), span.ToString());
        Assert.Equal(OtlpDaemonFixture.WorkloadName, Workload(span));
        Assert.Equal(ReceivedStatusCode.Unset, span.Status.Code);
    }

    private static string? Workload(ReceivedSpan span) => span.Attributes.GetValueOrDefault(C.Workload) as string;

    /// <summary>The meta tool's answer: the <c>_meta</c> its request had when it reached the server.</summary>
    private static async Task<JsonObject> MetaAsync(McpClient client, CallToolRequestParams request)
    {
        var result = await client.CallToolAsync(request, Token);
        Assert.NotEqual(true, result.IsError);
        return JsonNode.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text)!.AsObject();
    }

    /// <summary>
    /// Waits for the workload's audit line of a tools/call of <paramref name="tool"/> whose trace_id is
    /// <paramref name="traceId"/> (the line is written after the answer); fails with the audit log when none comes.
    /// </summary>
    private async Task AssertAuditedInTraceAsync(string tool, string traceId)
    {
        string? log = null;
        try
        {
            await Eventually.GetAsync(
                async () =>
                {
                    log = await fixture.Daemon.Client.GetStringAsync($"api/v1beta/servers/{OtlpDaemonFixture.WorkloadName}/audit", Token);
                    return log.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(text =>
                    {
                        var line = JsonDocument.Parse(text).RootElement;
                        return line.GetProperty("method").GetString() == "tools/call"
                            && line.TryGetProperty("name", out var name) && name.GetString() == tool
                            && line.TryGetProperty("trace_id", out var trace) && trace.GetString() == traceId;
                    });
                },
                s_wait,
                $"an audit line of tools/call {tool} with trace_id {traceId}");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nAudit log:\n{log}", ex);
        }
    }

    /// <summary>A W3C traceparent's parts: version 00, trace id, parent (span) id, flags.</summary>
    private static (string TraceId, string SpanId, string Flags) ParseTraceParent(string? text)
    {
        var parts = (text ?? "").Split('-');
        Assert.True(parts is ["00", { Length: 32 }, { Length: 16 }, { Length: 2 }], $"not a traceparent: '{text}'");
        return (parts[1], parts[2], parts[3]);
    }
}
