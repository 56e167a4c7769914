using System.Text.Json;
using Toolshed.Core.Registry.McpRegistry;

namespace Toolshed.Core.Tests.Registry;

public sealed class McpRegistryMapperTests
{
    [Fact]
    public void Map_NpmPackage_BecomesAPinnedNpxReferenceWithItsEnvironment()
    {
        var document = Map("""
            {"$schema":"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
             "name":"io.github.acme/weather","description":"Weather","version":"1.0.2",
             "repository":{"url":"https://github.com/acme/weather","source":"github"},
             "packages":[{"registryType":"npm","identifier":"@acme/weather-mcp","version":"1.0.2","transport":{"type":"stdio"},
               "environmentVariables":[{"name":"WEATHER_KEY","description":"API key","isRequired":true,"isSecret":true},
                                       {"name":"UNITS","default":"metric"}]}]}
            """, out var warnings);

        var server = Assert.Single(document.Servers).Value;
        Assert.Empty(warnings);
        Assert.Equal("weather", server.Name);
        Assert.Equal("npx://@acme/weather-mcp@1.0.2", server.Image);
        Assert.Equal("stdio", server.Transport);
        Assert.Equal("https://github.com/acme/weather", server.RepositoryUrl);
        Assert.Collection(server.EnvVars,
            key => Assert.True(key is { Name: "WEATHER_KEY", Required: true, Secret: true }),
            units => Assert.True(units is { Name: "UNITS", Default: "metric", Secret: false }));
        Assert.Equal("io.github.acme/weather", server.McpRegistryServer!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public void Map_SeveralPackages_PrefersOciThenNpmThenPyPI()
    {
        var document = Map("""
            {"name":"io.x/both","packages":[
              {"registryType":"pypi","identifier":"both-mcp","version":"2.0"},
              {"registryType":"oci","identifier":"ghcr.io/x/both","version":"2.0","transport":{"type":"streamable-http","url":"http://localhost:8080/mcp"}}]}
            """, out _);

        var server = Assert.Single(document.Servers).Value;
        Assert.Equal("ghcr.io/x/both:2.0", server.Image);
        Assert.Equal("streamable-http", server.Transport);
        Assert.Equal(8080, server.TargetPort);
    }

    [Fact]
    public void Map_PyPIInTheSnakeCaseDraft_IsReadToo()
    {
        var document = Map("""
            {"name":"io.x/fetch","version_detail":{"version":"0.6"},"packages":[
              {"registry_name":"pypi","name":"mcp-server-fetch","version":"2025.4.7",
               "environment_variables":[{"name":"TOKEN","is_secret":true}]}]}
            """, out _);

        var server = Assert.Single(document.Servers).Value;
        Assert.Equal("uvx://mcp-server-fetch@2025.4.7", server.Image);
        Assert.True(server.EnvVars[0].Secret);
    }

    [Fact]
    public void Map_Arguments_EachValueOneArgvElementWithPlaceholdersDescribedForCreate()
    {
        var document = Map("""
            {"name":"io.x/args","packages":[{"registryType":"oci","identifier":"x/args:1","packageArguments":[
              {"type":"named","name":"--root","value":"{dir}","variables":{"dir":{"default":"/data/my files"}}},
              {"type":"positional","value":"a b; $(id) \"q\""},
              {"type":"named","name":"--optional"},
              {"type":"positional","valueHint":"unused"}]}]}
            """, out _);

        var server = Assert.Single(document.Servers).Value;
        Assert.Equal(["--root", "{dir}", "a b; $(id) \"q\""], server.Args);
        var dir = Assert.Single(server.Arguments!);
        Assert.True(dir is { Name: "dir", Default: "/data/my files", Required: false });
    }

    [Theory]
    [InlineData("""{"name":"io.x/templated","remotes":[{"type":"streamable-http","url":"https://{tenant}.x.example/mcp"}]}""", "its URL has variables")]
    [InlineData("""{"name":"io.x/plain","remotes":[{"type":"sse","url":"http://mcp.x.example/sse"}]}""", "use https")]
    [InlineData("""{"name":"io.x/dotnet","packages":[{"registryType":"nuget","identifier":"X.Mcp","version":"1.0"}]}""", "(nuget)")]
    [InlineData("""{"name":"io.x/bundle","packages":[{"registryType":"mcpb","identifier":"https://x.example/b.mcpb"}]}""", "(mcpb)")]
    public void Map_WhatToolshedCannotRun_IsListedWithTheReason(string json, string reason)
    {
        var server = Assert.Single(Map(json, out _).Servers).Value;

        Assert.Contains(reason, server.Unsupported, StringComparison.Ordinal);
        Assert.Equal("", server.Image);
    }

    [Fact]
    public void Map_Remote_BecomesARemoteEntryWithItsHeaders()
    {
        var document = Map("""
            {"name":"io.x/hosted","description":"Hosted","remotes":[
              {"type":"websocket","url":"wss://mcp.x.example/ws"},
              {"type":"streamable-http","url":"https://mcp.x.example/mcp","headers":[
                {"name":"Authorization","description":"Your token","value":"Bearer {token}","isRequired":true,"isSecret":true},
                {"name":"X-Client","value":"toolshed"},
                {"name":"X-Key","isSecret":true,"value":"not-sent"}]}]}
            """, out var warnings);

        var server = Assert.Single(document.Servers).Value;
        Assert.Empty(warnings);
        Assert.True(server.IsRemote);
        Assert.Null(server.Unsupported);
        Assert.Equal("https://mcp.x.example/mcp", server.Url);
        Assert.Equal("streamable-http", server.Transport);
        Assert.Equal("", server.Image);
        Assert.Collection(server.Headers!,
            auth => Assert.True(auth is { Name: "Authorization", Required: true, Secret: true, Default: "", Description: "Your token (as Bearer {token})" }),
            client => Assert.True(client is { Name: "X-Client", Required: false, Default: "toolshed" }),
            key => Assert.True(key is { Name: "X-Key", Secret: true, Default: "" }));
    }

    [Fact]
    public void Map_PackageAndRemote_PrefersThePackageRunHere()
    {
        var server = Assert.Single(Map("""
            {"name":"io.x/both","packages":[{"registryType":"npm","identifier":"both-mcp","version":"1.0.0"}],
             "remotes":[{"type":"streamable-http","url":"https://mcp.x.example/mcp"}]}
            """, out _).Servers).Value;

        Assert.False(server.IsRemote);
        Assert.Equal("npx://both-mcp@1.0.0", server.Image);
    }

    [Fact]
    public void Map_MalformedEntries_AreSkippedWithAWarningNamingThemAndTheRestServed()
    {
        var document = Map("""
            [{"name":"io.x/good","packages":[{"registryType":"npm","identifier":"good-mcp","version":"1.0.0"}]},
             {"description":"no name"},
             {"name":"io.x/bad-npm","packages":[{"registryType":"npm","identifier":"Bad Name","version":"1"}]},
             {"name":"io.x/bad-env","packages":[{"registryType":"npm","identifier":"ok-mcp","environmentVariables":[{"name":"1BAD"}]}]},
             {"name":"io.x/no-port","packages":[{"registryType":"oci","identifier":"x/y:1","transport":{"type":"sse","url":"http://localhost:{port}/sse"}}]},
             42]
            """, out var warnings);

        Assert.Equal(["good"], document.Servers.Keys);
        Assert.Equal(5, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("'io.x/bad-npm'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'io.x/no-port'", StringComparison.Ordinal) && w.Contains("no port", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("#2", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SameShortName_UsesTheWholeNamesSoNeitherHidesTheOther()
    {
        var document = Map("""
            [{"name":"io.a/files","packages":[{"registryType":"npm","identifier":"a-files","version":"1.0.0"}]},
             {"name":"io.b/files","packages":[{"registryType":"npm","identifier":"b-files","version":"1.0.0"}]},
             {"name":"io.c/unique","packages":[{"registryType":"npm","identifier":"c-unique","version":"1.0.0"}]}]
            """, out _);

        Assert.Equal(["io.a-files", "io.b-files", "unique"], document.Servers.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shapes_ListApiPage_UnwrapsItemsAndReadsTheCursor()
    {
        using var page = JsonDocument.Parse("""
            {"servers":[{"server":{"name":"io.x/a","packages":[]},"_meta":{"io.modelcontextprotocol.registry/official":{"isLatest":true}}}],
             "metadata":{"nextCursor":"abc","count":1}}
            """);

        var servers = McpRegistryShapes.Servers(page.RootElement, out var cursor);

        Assert.Equal("io.x/a", Assert.Single(servers!).GetProperty("name").GetString());
        Assert.Equal("abc", cursor);
    }

    [Fact]
    public void Shapes_ToolHiveFormat_IsNotAnMcpRegistryShape()
    {
        using var toolhive = JsonDocument.Parse("""{"version":"1","servers":{"fetch":{"image":"mcp/fetch"}}}""");

        Assert.Null(McpRegistryShapes.Servers(toolhive.RootElement, out _));
    }

    private static Core.Registry.RegistryDocument Map(string json, out List<string> warnings)
    {
        using var document = JsonDocument.Parse(json);
        warnings = [];
        return McpRegistryMapper.Map(McpRegistryShapes.Servers(document.RootElement, out _)!, "test", warnings);
    }
}
