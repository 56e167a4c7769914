using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Proxy.Modern;

namespace Toolshed.Proxy.Tests.Modern;

/// <summary>The pure parts of the 2026-07-28 side: header values, era rules, request state, x-mcp-header, listen filters.</summary>
public sealed class ModernRulesTests
{
    [Theory]
    [InlineData("us-west1", true, "us-west1")]
    [InlineData("=?base64?SGVsbG8sIOS4lueVjA==?=", true, "Hello, 世界")]
    [InlineData("=?base64?IHBhZGRlZCA=?=", true, " padded ")]
    [InlineData("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=", true, "=?base64?literal?=")]
    [InlineData("=?base64?not base64?=", false, "")]
    [InlineData("=?base64?/w==?=", false, "")]
    [InlineData("caf\u00e9", false, "")]
    [InlineData("line\nbreak", false, "")]
    public void HeaderValue_DecodesPlainAndSentinelForms(string raw, bool ok, string value)
    {
        Assert.Equal(ok, HeaderValue.TryDecode(raw, out var decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData("us-west1")]
    [InlineData("Hello, 世界")]
    [InlineData(" padded ")]
    [InlineData("line1\nline2")]
    [InlineData("=?base64?literal?=")]
    public void HeaderValue_EncodeThenDecode_GivesTheValueBack(string value)
    {
        Assert.True(HeaderValue.TryDecode(HeaderValue.Encode(value), out var decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData("", "Legacy")]
    [InlineData("2025-11-25", "Legacy")]
    [InlineData("2024-11-05", "Legacy")]
    [InlineData("2026-07-28", "Modern")]
    [InlineData("2027-01-01", "Unsupported")]
    [InlineData("latest", "Unsupported")]
    public void Era_FromTheVersionHeader(string header, string era) =>
        Assert.Equal(era, EraRules.FromHeader(header, out _).ToString());

    [Fact]
    public void Era_FromTheBody_InitializeIsLegacy_MetaWithoutHeaderIsAModernRequestMissingIt()
    {
        var initialize = JsonNode.Parse("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}""")!.AsObject();
        var modern = JsonNode.Parse("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""")!.AsObject();

        Assert.Equal(ProtocolEra.Legacy, EraRules.FromBody(ProtocolEra.Modern, "2026-07-28", [initialize]));
        Assert.Equal(ProtocolEra.ModernWithoutHeader, EraRules.FromBody(ProtocolEra.Legacy, null, [modern]));
        Assert.Equal(ProtocolEra.Legacy, EraRules.FromBody(ProtocolEra.Legacy, "2025-11-25", [modern]));
    }

    [Fact]
    public void RequestState_VerifiesOnlyForItsCallerRequestAndTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var codec = new RequestStateCodec(time);
        var parameters = JsonNode.Parse("""{"name":"t","arguments":{"a":1}}""")!.AsObject();
        var digest = RequestStateCodec.Digest("tools/call", parameters);
        var state = codec.Sign("h1", "alice", time.GetUtcNow().AddMinutes(5), "tools/call", digest);

        Assert.Equal(RequestStateCheck.Valid, codec.Verify(state, "alice", "tools/call", digest, out var handle));
        Assert.Equal("h1", handle);
        Assert.Equal(RequestStateCheck.Mismatch, codec.Verify(state, "bob", "tools/call", digest, out _));
        Assert.Equal(RequestStateCheck.Mismatch, codec.Verify(state, "alice", "prompts/get", digest, out _));
        var otherArguments = RequestStateCodec.Digest("tools/call", JsonNode.Parse("""{"name":"t","arguments":{"a":2}}""")!.AsObject());
        Assert.Equal(RequestStateCheck.Mismatch, codec.Verify(state, "alice", "tools/call", otherArguments, out _));
        Assert.Equal(RequestStateCheck.Invalid, new RequestStateCodec(time).Verify(state, "alice", "tools/call", digest, out _));
        Assert.Equal(RequestStateCheck.Invalid, codec.Verify("x" + state, "alice", "tools/call", digest, out _));
        Assert.Equal(RequestStateCheck.Invalid, codec.Verify("not a state", "alice", "tools/call", digest, out _));
        Assert.Equal(RequestStateCheck.Invalid, codec.Verify(new string('a', 5000), "alice", "tools/call", digest, out _));
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(RequestStateCheck.Expired, codec.Verify(state, "alice", "tools/call", digest, out _));
    }

    [Fact]
    public void XMcpHeader_AnnotationsAreFoundThroughPropertiesOnly()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
              "region":{"type":"string","x-mcp-header":"Region"},
              "query":{"type":"string"},
              "target":{"type":"object","properties":{"zone":{"type":"integer","x-mcp-header":"Zone"}}},
              "list":{"type":"array","items":{"type":"object","properties":{"no":{"type":"string","x-mcp-header":"No"}}}}}}
            """)!.AsObject();

        var annotated = ToolHeaderCatalog.Annotated(schema);

        Assert.Equal(["Region", "Zone"], annotated.Select(a => a.Name));
        Assert.Equal(["target", "zone"], annotated[1].Path);
    }

    [Theory]
    [InlineData("us-west1", "7", null)]
    [InlineData("=?base64?dXMtd2VzdDE=?=", "7.0", null)]
    [InlineData(null, "7", -32020)]
    [InlineData("eu-north", "7", -32020)]
    [InlineData("us-west1", "8", -32020)]
    [InlineData("us-west1", null, -32020)]
    public void XMcpHeader_HeadersMustMirrorTheArguments(string? region, string? zone, int? code)
    {
        var annotated = ToolHeaderCatalog.Annotated(JsonNode.Parse("""
            {"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"},"target":{"type":"object","properties":{"zone":{"type":"integer","x-mcp-header":"Zone"}}}}}
            """)!.AsObject());
        var arguments = JsonNode.Parse("""{"region":"us-west1","target":{"zone":7}}""")!.AsObject();
        var headers = new HeaderDictionary();
        if (region is not null)
        {
            headers["Mcp-Param-Region"] = region;
        }

        if (zone is not null)
        {
            headers["mcp-param-zone"] = zone;
        }

        Assert.Equal(code, ModernEnvelope.CheckParamHeaders(headers, annotated, arguments)?.Code);
    }

    [Fact]
    public void XMcpHeader_AHeaderWithoutItsArgument_IsRefused()
    {
        var annotated = ToolHeaderCatalog.Annotated(JsonNode.Parse("""{"properties":{"region":{"type":"string","x-mcp-header":"Region"}}}""")!.AsObject());
        var headers = new HeaderDictionary { ["Mcp-Param-Region"] = "us-west1" };

        Assert.Equal(-32020, ModernEnvelope.CheckParamHeaders(headers, annotated, new JsonObject())?.Code);
        Assert.Null(ModernEnvelope.CheckParamHeaders(new HeaderDictionary(), annotated, new JsonObject { ["region"] = null }));
    }

    [Fact]
    public void ListenFilter_ParsesBoundsAndAgreesOnlyToWhatTheServerOffers()
    {
        var filter = ListenFilter.Parse(JsonNode.Parse("""{"toolsListChanged":true,"promptsListChanged":true,"resourceSubscriptions":["a://1","a://1","a://2"]}"""), out var problem)!;
        var facts = new ServerFacts(JsonNode.Parse("""{"tools":{"listChanged":true}}""")!.AsObject(), null, null, null);

        Assert.Null(problem);
        Assert.Equal(["a://1", "a://2"], filter.Uris);
        var agreed = filter.AgreedBy(facts);
        Assert.True(agreed.Tools);
        Assert.False(agreed.Prompts);
        Assert.Empty(agreed.Uris);
        Assert.Null(ListenFilter.Parse(JsonNode.Parse("""{"resourceSubscriptions":[1]}"""), out problem));
        Assert.NotNull(problem);
        Assert.Null(ListenFilter.Parse(new JsonObject { ["resourceSubscriptions"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)$"a://{i}")]) }, out _));
    }
}
