using System.Text;
using Toolshed.Core.Errors;
using Toolshed.Core.Registry;

namespace Toolshed.Core.Tests.Registry;

public sealed class RegistryLoaderTests
{
    private const string Source = "test.json";

    private static string OneServer(string name) => "{\"servers\":{\"" + name + "\":{\"image\":\"i\"}}}";

    [Fact]
    public void Parse_ValidDocument_ReturnsServersWithDefaultsFilled()
    {
        var document = RegistryLoader.Parse("""
            {
              // hand-edited registries may carry comments
              "version": "2", "last_updated": "2025-01-01T00:00:00Z",
              "servers": {
                "fetch": { "image": "mcp/fetch", "description": "Fetches URLs", "tools": ["fetch"] },
                "web": { "image": "example/web:1", "transport": "streamable-http", "target_port": 8080, "args": null },
              }
            }
            """, Source);

        Assert.Equal("2", document.Version);
        Assert.Equal(2, document.Servers.Count);
        var fetch = document.Servers["fetch"];
        Assert.Equal("fetch", fetch.Name);
        Assert.Equal("stdio", fetch.Transport);
        Assert.Equal(["fetch"], fetch.Tools);
        Assert.NotNull(fetch.Provenance.Attestation);
        var web = document.Servers["web"];
        Assert.Equal("streamable-http", web.Transport);
        Assert.Equal(8080, web.TargetPort);
        Assert.Empty(web.Args);
    }

    [Fact]
    public void Parse_TransportAlias_NormalizesToCanonicalName()
    {
        var document = RegistryLoader.Parse("""{"servers":{"s":{"image":"i","transport":"SSE","target_port":1}}}""", Source);

        Assert.Equal("sse", document.Servers["s"].Transport);
    }

    [Fact]
    public void Parse_MalformedJson_SaysLineAndPosition()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse("{\n  \"servers\": {\n    \"a\": { \"image\": }\n  }\n}", Source));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Source, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyInput_IsInvalid()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse("", Source));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"servers\"")]
    public void Parse_RootNotObject_IsInvalid(string json)
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(json, Source));

        Assert.Contains("not an object", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"servers": []}""")]
    public void Parse_NoServersObject_SaysServersMissing(string json)
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(json, Source));

        Assert.Equal("servers", ex.Field);
    }

    [Fact]
    public void Parse_ServerWithoutImage_NamesServerAndField()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            RegistryLoader.Parse("""{"servers":{"ok":{"image":"a"},"broken":{"description":"no image"}}}""", Source));

        Assert.Equal("servers.broken.image", ex.Field);
        Assert.Contains("'broken'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlankImage_IsInvalid()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse("""{"servers":{"s":{"image":"  "}}}""", Source));

        Assert.Equal("servers.s.image", ex.Field);
    }

    [Fact]
    public void Parse_UnknownTransport_NamesServerAndTransport()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            RegistryLoader.Parse("""{"servers":{"s":{"image":"i","transport":"websocket"}}}""", Source));

        Assert.Equal("servers.s.transport", ex.Field);
        Assert.Contains("websocket", ex.Message, StringComparison.Ordinal);
        Assert.Contains("streamable-http", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sse", 0)]
    [InlineData("streamable-http", 0)]
    [InlineData("streamable-http", 65536)]
    [InlineData("sse", -1)]
    public void Parse_HttpTransportWithPortOutOfRange_NamesTargetPort(string transport, int port)
    {
        var json = "{\"servers\":{\"s\":{\"image\":\"i\",\"transport\":\"" + transport + "\",\"target_port\":" + port + "}}}";

        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(json, Source));

        Assert.Equal("servers.s.target_port", ex.Field);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StdioWithoutPort_IsValid()
    {
        var document = RegistryLoader.Parse("""{"servers":{"s":{"image":"i","transport":"stdio"}}}""", Source);

        Assert.Equal(0, document.Servers["s"].TargetPort);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("")]
    [InlineData(".dot")]
    public void Parse_InvalidServerName_NamesTheKey(string name)
    {
        var json = OneServer(name);

        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(json, Source));

        Assert.Equal($"servers.{name}", ex.Field);
        Assert.Contains("not a valid server name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A1_b.c-d")]
    [InlineData("9lives")]
    public void Parse_ValidServerName_IsAccepted(string name)
    {
        var document = RegistryLoader.Parse(OneServer(name), Source);

        Assert.True(document.Servers.ContainsKey(name));
    }

    [Fact]
    public void Parse_WrongValueType_NamesThePath()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            RegistryLoader.Parse("""{"servers":{"s":{"image":"i","target_port":"eighty"}}}""", Source));

        Assert.Equal("servers.s.target_port", ex.Field);
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullServer_NamesServer()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse("""{"servers":{"s":null}}""", Source));

        Assert.Equal("servers.s", ex.Field);
    }

    [Fact]
    public void Parse_InvalidEnvVarName_NamesTheEntry()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            RegistryLoader.Parse("""{"servers":{"s":{"image":"i","env_vars":[{"name":"OK"},{"name":"1BAD"}]}}}""", Source));

        Assert.Equal("servers.s.env_vars[1].name", ex.Field);
    }

    [Fact]
    public void Parse_AllowPortOutOfRange_NamesTheField()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(
            """{"servers":{"s":{"image":"i","permissions":{"network":{"outbound":{"allow_port":[443,70000]}}}}}}""", Source));

        Assert.Equal("servers.s.permissions.network.outbound.allow_port", ex.Field);
    }

    [Fact]
    public void Parse_DuplicateServerKey_IsInvalid()
    {
        Assert.Throws<InvalidInputException>(() =>
            RegistryLoader.Parse("""{"servers":{"s":{"image":"a"},"s":{"image":"b"}}}""", Source));
    }

    [Fact]
    public void Parse_NullNestedObjects_BecomeEmpty()
    {
        var document = RegistryLoader.Parse(
            """{"version":null,"servers":{"s":{"image":"i","permissions":{"network":null},"metadata":null,"provenance":{"attestation":null}}}}""",
            Source);

        var server = document.Servers["s"];
        Assert.Equal("", document.Version);
        Assert.NotNull(server.Permissions.Network.Outbound.AllowHost);
        Assert.NotNull(server.Metadata);
        Assert.NotNull(server.Provenance.Attestation);
    }

    [Fact]
    public async Task LoadAsync_Stream_ParsesLikeString()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"servers":{"s":{"image":"i"}}}"""));

        var document = await RegistryLoader.LoadAsync(stream, Source, TestContext.Current.CancellationToken);

        Assert.Single(document.Servers);
    }

    [Fact]
    public void Parse_NestedHundredThousandDeep_IsInvalidInputNotAStackOverflow()
    {
        var json = $"{{\"servers\": {{\"s\": {{\"image\": \"i\", \"x\": {new string('[', 100_000)}{new string(']', 100_000)}}}}}}}";

        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(json, Source));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RemoteServers_JoinTheServersAsRemoteEntries()
    {
        var document = RegistryLoader.Parse("""
            {"servers":{"local":{"image":"i"}},
             "remote_servers":{"hosted":{"description":"Hosted","url":"https://mcp.example.com/mcp","transport":"sse",
               "headers":[{"name":"X-API-Key","description":"API key","required":true,"secret":true}],
               "oauth_config":{"client_id":"toolshed","scopes":["read"],"callback_port":8765,"issuer":"https://auth.example.com"},
               "tier":"Partner","status":"active"}}}
            """, Source);

        Assert.Equal(["hosted", "local"], document.Servers.Keys.Order(StringComparer.Ordinal));
        Assert.Null(document.RemoteServers);
        var hosted = document.Servers["hosted"];
        Assert.True(hosted.IsRemote);
        Assert.Equal("https://mcp.example.com/mcp", hosted.Url);
        Assert.Equal("sse", hosted.Transport);
        Assert.True(Assert.Single(hosted.Headers!) is { Name: "X-API-Key", Required: true, Secret: true });
        Assert.Equal("toolshed", hosted.OAuthConfig!.ClientId);
        Assert.Equal(8765, hosted.OAuthConfig.CallbackPort);
        Assert.False(document.Servers["local"].IsRemote);
    }

    [Theory]
    [InlineData("""{"remote_servers":{"r":{"url":"http://mcp.example.com/mcp"}}}""", "remote_servers.r.url", "use https")]
    [InlineData("""{"remote_servers":{"r":{"url":"not a url"}}}""", "url", "cannot connect to")]
    [InlineData("""{"remote_servers":{"r":{"url":"https://x.example/mcp","transport":"stdio2"}}}""", "transport", "not a remote's")]
    [InlineData("""{"remote_servers":{"r":{"url":"https://x.example/mcp","image":"i"}}}""", "image", "both a url and an image")]
    [InlineData("""{"remote_servers":{"r":{"url":"https://x.example/mcp","headers":[{"name":"Host"}]}}}""", "headers[0]", "set by Toolshed itself")]
    [InlineData("""{"remote_servers":{"r":{"url":"https://x.example/mcp","headers":[{"name":"X-A","default":"{secret:mine}"}]}}}""", "headers[0]", "stored secret")]
    [InlineData("""{"remote_servers":{"r":{"url":"https://x.example/mcp","oauth_config":{"callback_port":80}}}}""", "callback_port", "between 1024 and 65535")]
    [InlineData("""{"servers":{"r":{"image":"i"}},"remote_servers":{"r":{"url":"https://x.example/mcp"}}}""", "servers.r", "both a server and a remote server")]
    public void Parse_BadRemoteServer_IsRefusedNamingTheFieldAndTheProblem(string json, string field, string problem)
    {
        var ex = Assert.Throws<InvalidInputException>(() => RegistryLoader.Parse(json, Source));

        Assert.Contains(field, ex.Field ?? "", StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
