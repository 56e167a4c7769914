using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Toolshed.Testing.Telemetry;

namespace Toolshed.EndToEnd.Tests.Telemetry.Support;

/// <summary>
/// The test support's OTLP receiver against the real OpenTelemetry .NET OTLP exporter (HttpProtobuf): what the SDK
/// exported is exactly what the receiver decodes, and what it must refuse it refuses.
/// </summary>
public sealed class OtlpReceiverTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WaitForSpanAsync_ServerSpanWithParentAttributesLinkAndError_DecodesExactlyThose()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var source = new ActivitySource("SelfTest.Otlp." + Guid.NewGuid().ToString("N"), "1.2.3");
        using var tracing = TracingTo(otlp.TracesEndpoint, source.Name);
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var linked = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        string spanId;
        using (var activity = source.StartActivity(
            "tools/call echo",
            ActivityKind.Server,
            parent,
            links: [new ActivityLink(linked, new ActivityTagsCollection { ["toolshed.link.reason"] = "batch" })]))
        {
            Assert.NotNull(activity);
            activity.SetTag("mcp.method.name", "tools/call");
            activity.SetTag("toolshed.request.bytes", 42);
            activity.SetTag("toolshed.cached", true);
            activity.SetTag("toolshed.ratio", 0.25);
            activity.AddEvent(new ActivityEvent("upstream.retry", tags: new ActivityTagsCollection { ["attempt"] = 2 }));
            activity.SetStatus(ActivityStatusCode.Error, "upstream refused");
            spanId = activity.SpanId.ToHexString();
        }

        var span = await otlp.WaitForSpanAsync(found => found.SpanId == spanId, s_wait, ct);

        Assert.Equal(span, Assert.Single(otlp.Spans));
        Assert.Equal("tools/call echo", span.Name);
        Assert.Equal(ReceivedSpanKind.Server, span.Kind);
        Assert.Equal(parent.TraceId.ToHexString(), span.TraceId);
        Assert.Equal(parent.SpanId.ToHexString(), span.ParentSpanId);
        Assert.Equal(32, span.TraceId.Length);
        Assert.Equal(16, span.SpanId.Length);
        Assert.Equal(1u, span.Flags & 0xFF);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["mcp.method.name"] = "tools/call",
                ["toolshed.request.bytes"] = 42L,
                ["toolshed.cached"] = true,
                ["toolshed.ratio"] = 0.25,
            },
            span.Attributes);
        var link = Assert.Single(span.Links);
        Assert.Equal(linked.TraceId.ToHexString(), link.TraceId);
        Assert.Equal(linked.SpanId.ToHexString(), link.SpanId);
        Assert.Equal("batch", link.Attributes["toolshed.link.reason"]);
        var retry = Assert.Single(span.Events);
        Assert.Equal("upstream.retry", retry.Name);
        Assert.Equal(2L, retry.Attributes["attempt"]);
        Assert.Equal(new ReceivedSpanStatus(ReceivedStatusCode.Error, "upstream refused"), span.Status);
        Assert.True(span.EndTime >= span.StartTime && span.StartTime > DateTimeOffset.UtcNow.AddMinutes(-5), $"{span.StartTime:O} .. {span.EndTime:O}");
        Assert.Equal("toolshed-otlp-selftest", span.ServiceName);
        Assert.Equal(source.Name, span.ScopeName);
        Assert.Equal("1.2.3", span.ScopeVersion);
        var request = Assert.Single(otlp.Requests);
        Assert.Equal((200, "/v1/traces", "application/x-protobuf"), (request.StatusCode, request.Path, request.ContentType));
    }

    [Fact]
    public async Task WaitForSpansAsync_GzipBodies_DecodesParentAndChild()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var source = new ActivitySource("SelfTest.Otlp." + Guid.NewGuid().ToString("N"));
        using var tracing = TracingTo(otlp.TracesEndpoint, source.Name, OtlpExportCompression.GZip);
        using (var root = source.StartActivity("proxy request", ActivityKind.Server))
        {
            using var child = source.StartActivity("upstream call", ActivityKind.Client);
        }

        var spans = await otlp.WaitForSpansAsync(found => found.Count == 2, s_wait, ct);

        var parent = Assert.Single(spans, span => span.Name == "proxy request");
        var client = Assert.Single(spans, span => span.Name == "upstream call");
        Assert.Null(parent.ParentSpanId);
        Assert.Equal(parent.SpanId, client.ParentSpanId);
        Assert.Equal(parent.TraceId, client.TraceId);
        Assert.Equal(ReceivedSpanKind.Client, client.Kind);
        Assert.All(otlp.Requests, request => Assert.Equal(("gzip", 200), (request.ContentEncoding, request.StatusCode)));
    }

    [Fact]
    public async Task WaitForMetricAsync_CounterAndHistogram_DecodesNamesUnitsAndPoints()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var meter = new Meter("SelfTest.Otlp." + Guid.NewGuid().ToString("N"));
        var calls = meter.CreateCounter<long>("toolshed.mcp.calls", "{call}");
        var duration = meter.CreateHistogram<double>(
            "mcp.server.operation.duration",
            "s",
            description: null,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1, 10] });
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = otlp.MetricsEndpoint;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
            })
            .Build();
        calls.Add(3, new KeyValuePair<string, object?>("mcp.method.name", "tools/call"));
        calls.Add(2, new KeyValuePair<string, object?>("mcp.method.name", "tools/call"));
        duration.Record(0.05);
        duration.Record(2);

        Assert.True(metrics.ForceFlush(10_000));
        var counted = await otlp.WaitForMetricAsync(metric => metric.Name == "toolshed.mcp.calls", s_wait, ct);
        var timed = await otlp.WaitForMetricAsync(metric => metric.Name == "mcp.server.operation.duration", s_wait, ct);

        Assert.Equal((ReceivedMetricKind.Sum, true, "{call}", meter.Name), (counted.Kind, counted.IsMonotonic, counted.Unit, counted.ScopeName));
        var total = Assert.Single(counted.Points);
        Assert.Equal(5, total.Value);
        Assert.Equal("tools/call", total.Attributes["mcp.method.name"]);
        Assert.Equal((ReceivedMetricKind.Histogram, "s"), (timed.Kind, timed.Unit));
        var histogram = Assert.Single(timed.Points);
        Assert.Equal(2ul, histogram.Count);
        Assert.Equal(2.05, histogram.Sum!.Value, precision: 9);
        Assert.Equal([0.01, 0.1, 1, 10], histogram.ExplicitBounds);
        Assert.Equal([0ul, 1, 0, 1, 0], histogram.BucketCounts);
    }

    [Fact]
    public async Task Post_JsonBody_Refused415AndRecorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var http = new HttpClient();

        using var response = await http.PostAsync(otlp.TracesEndpoint, new StringContent("{}", new MediaTypeHeaderValue("application/json")), ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, Assert.Single(otlp.Requests).StatusCode);
        Assert.Empty(otlp.Spans);
    }

    [Fact]
    public async Task Post_UndecodableBody_Refused400()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var http = new HttpClient();

        using var response = await http.PostAsync(otlp.TracesEndpoint, Protobuf([0x0A, 0xFF, 0xFF, 0xFF]), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("undecodable body", Assert.Single(otlp.Requests).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Refused413()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var http = new HttpClient();

        // With Expect: 100-continue the refusal comes before the body is sent, as a well-behaved client would want.
        using var request = new HttpRequestMessage(HttpMethod.Post, otlp.TracesEndpoint) { Content = Protobuf(new byte[OtlpReceiver.MaxBodyBytes + 1]) };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_GzipBodyInflatingPastLimit_Refused413()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var http = new HttpClient();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[OtlpReceiver.MaxBodyBytes * 2], ct);
        }

        var body = Protobuf(compressed.ToArray());
        body.Headers.ContentEncoding.Add("gzip");
        using var response = await http.PostAsync(otlp.TracesEndpoint, body, ct);

        Assert.True(compressed.Length < OtlpReceiver.MaxBodyBytes / 100, $"{compressed.Length} bytes compressed");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task WaitForSpanAsync_NoMatchingSpan_TimesOutListingWhatArrived()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        using var source = new ActivitySource("SelfTest.Otlp." + Guid.NewGuid().ToString("N"));
        using var tracing = TracingTo(otlp.TracesEndpoint, source.Name);
        source.StartActivity("initialize", ActivityKind.Server)?.Dispose();
        await otlp.WaitForSpanAsync(span => span.Name == "initialize", s_wait, ct);

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => otlp.WaitForSpanAsync(span => span.Name == "tools/list", TimeSpan.FromMilliseconds(300), ct));

        Assert.Contains("initialize (Server", error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /v1/traces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhileAspNetCoreIsTracedInProcess_ReceiverRequestsNotTraced()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(ct);
        var traceId = ActivityTraceId.CreateRandom();
        var heard = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    lock (heard)
                    {
                        heard.Add(activity.OperationName);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, otlp.TracesEndpoint) { Content = Protobuf([]) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        lock (heard)
        {
            Assert.Empty(heard);
        }
    }

    private static TracerProvider TracingTo(Uri endpoint, string sourceName, OtlpExportCompression compression = OtlpExportCompression.None) =>
        Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService("toolshed-otlp-selftest"))
            .AddSource(sourceName)
            .AddOtlpExporter(exporter =>
            {
                // In code the endpoint is the signal's full URL; the exporter appends /v1/traces only to the env var's.
                exporter.Endpoint = endpoint;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.ExportProcessorType = ExportProcessorType.Simple;
                exporter.Compression = compression;
            })
            .Build();

    private static ByteArrayContent Protobuf(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }
}
