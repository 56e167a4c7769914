using System.Diagnostics;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Tests.Telemetry;

public sealed class TraceContextMetaTests : IDisposable
{
    private readonly TelemetryCapture _capture = new(); // sets the SDK's W3C propagators

    public void Dispose() => _capture.Dispose();

    [Fact]
    public void Inject_IntoRequestWithoutParams_AddsMetaAndReplacesTheClientsOwn()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var bare = new JsonObject { ["method"] = "tools/list" };
        var withOwn = JsonNode.Parse("""{"method":"tools/list","params":{"_meta":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","tracestate":"x=1","baggage":"k=v","progressToken":7}}}""")!.AsObject();

        TraceContextMeta.Inject(bare, context);
        TraceContextMeta.Inject(withOwn, context);

        var expected = $"00-{context.TraceId}-{context.SpanId}-01";
        Assert.Equal(expected, bare["params"]?["_meta"]?["traceparent"]?.ToString());
        var meta = withOwn["params"]!["_meta"]!;
        Assert.Equal(expected, meta["traceparent"]?.ToString());
        Assert.Null(meta["tracestate"]);
        Assert.Equal("k=v", meta["baggage"]?.ToString());
        Assert.Equal(7, (int)meta["progressToken"]!);
    }

    [Fact]
    public void Inject_IntoNonObjectParams_LeavesTheRequestAlone()
    {
        var request = JsonNode.Parse("""{"method":"x","params":[1,2]}""")!.AsObject();

        TraceContextMeta.Inject(request, new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded));

        Assert.Equal("[1,2]", request["params"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"params":{"_meta":{"traceparent":"garbage"}}}""")]
    [InlineData("""{"params":{"_meta":{"traceparent":42}}}""")]
    [InlineData("""{"params":{"_meta":"not an object"}}""")]
    [InlineData("""{"params":7}""")]
    public void Extract_MalformedContext_IsNone(string json)
    {
        Assert.Equal(default, TraceContextMeta.Extract(JsonNode.Parse(json)!.AsObject()));
    }
}
