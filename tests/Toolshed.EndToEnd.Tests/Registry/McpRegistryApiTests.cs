using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Registry;

/// <summary>
/// An MCP Registry API served by a real HTTP server in the test (GET /v0/servers, 30 a page, cursor pagination):
/// 166 entries with packages of every type, remote servers and malformed ones, added to a real daemon by its base URL,
/// listed through the seed's registry endpoints, and one run from its entry on the real engine.
/// </summary>
public sealed class McpRegistryApiTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>, IAsyncLifetime
{
    private const int PageSize = 30;
    private static readonly string[] s_hostile = ["a b", "it's \"quoted\"", "x; rm -rf /", "$(id)", "`id`", "--flag=1 2"];
    private readonly List<JsonObject> _entries = [];
    private WebApplication _registry = null!;
    private Uri _base = null!;
    private int _requests;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        for (var i = 0; i < 150; i++)
        {
            _entries.Add(Npm($"io.example/npm-{i:000}", $"npm-mcp-{i:000}", $"1.0.{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            _entries.Add(new JsonObject
            {
                ["name"] = $"io.example/py-{i}",
                ["description"] = "a Python server",
                ["packages"] = new JsonArray(new JsonObject { ["registryType"] = "pypi", ["identifier"] = $"py-mcp-{i}", ["version"] = "1.0" }),
            });
        }

        _entries.Add(new JsonObject
        {
            ["name"] = "io.example/argv",
            ["description"] = "The C# test server, with arguments no shell may split",
            ["packages"] = new JsonArray(new JsonObject
            {
                ["registryType"] = "oci",
                ["identifier"] = TestImages.CSharpServer,
                ["transport"] = new JsonObject { ["type"] = "stdio" },
                ["packageArguments"] = new JsonArray([
                    .. s_hostile.Select(value => (JsonNode)new JsonObject { ["type"] = "positional", ["value"] = value }),
                    new JsonObject
                    {
                        ["type"] = "named",
                        ["name"] = "--label",
                        ["value"] = "{label}",
                        ["variables"] = new JsonObject { ["label"] = new JsonObject { ["isRequired"] = true, ["description"] = "what to call it" } },
                    },
                ]),
                ["environmentVariables"] = new JsonArray(new JsonObject { ["name"] = "GREETING", ["default"] = "hello" }),
            }),
        });
        _entries.Add(new JsonObject
        {
            ["name"] = "io.example/hosted",
            ["remotes"] = new JsonArray(new JsonObject { ["type"] = "streamable-http", ["url"] = "https://mcp.example.invalid/mcp" }),
        });
        _entries.Add(new JsonObject
        {
            ["name"] = "io.example/dotnet",
            ["packages"] = new JsonArray(new JsonObject { ["registryType"] = "nuget", ["identifier"] = "Example.Mcp", ["version"] = "1.0.0" }),
        });
        _entries.Add(new JsonObject { ["description"] = "no name at all" });
        _entries.Add(Npm("io.example/bad-package", "Not A Package", "1.0.0"));
        _entries.Add(new JsonObject
        {
            ["name"] = "io.example/bad-env",
            ["packages"] = new JsonArray(new JsonObject
            {
                ["registryType"] = "npm", ["identifier"] = "ok-mcp", ["version"] = "1.0.0",
                ["environmentVariables"] = new JsonArray(new JsonObject { ["name"] = "1-NOT-A-NAME" }),
            }),
        });
        _entries.Add(new JsonObject
        {
            ["name"] = "io.example/no-port",
            ["packages"] = new JsonArray(new JsonObject
            {
                ["registryType"] = "oci", ["identifier"] = "example/http:1",
                ["transport"] = new JsonObject { ["type"] = "streamable-http", ["url"] = "http://localhost:{port}/mcp" },
            }),
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _registry = builder.Build();
        _registry.MapGet("/v0/servers", ServePage);
        await _registry.StartAsync(Token);
        var address = _registry.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _base = new Uri(address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.StopAsync(CancellationToken.None);
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task AddByApiBaseUrl_ReadsEveryPageServesValidEntriesInTheSeedShapeAndRunsOne()
    {
        var name = $"mcpreg{Guid.NewGuid():N}"[..12];

        var added = await fixture.Api.PostAsJsonAsync("api/v1beta/registry", new { name, url = _base.ToString() }, Token);

        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Token));
        Assert.Equal((int)Math.Ceiling(_entries.Count / (double)PageSize), _requests);
        var listing = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/registry/{name}/servers", Token);
        var servers = listing.GetProperty("servers").EnumerateArray().ToList();
        // 150 npm + 5 pypi + 1 oci, the remote one, and the NuGet entry listed as not runnable; the 4 malformed skipped.
        Assert.Equal(158, servers.Count);
        Assert.All(servers, server => Assert.True(server.TryGetProperty("image", out _) && server.TryGetProperty("transport", out _)));
        var npm = servers.Single(s => s.GetProperty("name").GetString() == "npm-007");
        Assert.Equal("npx://npm-mcp-007@1.0.7", npm.GetProperty("image").GetString());
        Assert.Equal("io.example/npm-007", npm.GetProperty("x-mcp-registry").GetProperty("name").GetString());
        var hosted = servers.Single(s => s.GetProperty("name").GetString() == "hosted");
        Assert.Equal("https://mcp.example.invalid/mcp", hosted.GetProperty("url").GetString());
        Assert.Equal("streamable-http", hosted.GetProperty("transport").GetString());
        Assert.False(hosted.TryGetProperty("x-toolshed-unsupported", out _));

        var search = await fixture.Api.GetFromJsonAsync<JsonElement>("api/v1beta/registry/-/search?q=npm-00&limit=500", Token);
        var hits = search.GetProperty("results").EnumerateArray().Where(h => h.GetProperty("registry").GetString() == name).ToList();
        Assert.Equal(10, hits.Count);
        var argvHit = (await fixture.Api.GetFromJsonAsync<JsonElement>("api/v1beta/registry/-/search?q=argv", Token)).GetProperty("results")[0];
        Assert.Equal("argv", argvHit.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(name, argvHit.GetProperty("registry").GetString());

        // A remote entry has no image: pulling it says so (running it would connect to its URL, which is not here).
        var remote = await fixture.Api.PostAsJsonAsync("api/v1beta/images/pull", new { image = $"{name}/hosted" }, Token);
        var remoteBody = await remote.Content.ReadAsStringAsync(Token);
        Assert.True(remote.StatusCode == HttpStatusCode.BadRequest, remoteBody);
        Assert.Contains("is a remote server at https://mcp.example.invalid/mcp", remoteBody, StringComparison.Ordinal);

        var workload = ServersApiFixture.UniqueName("argv");
        var unfilled = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = $"{name}/argv", name = workload }, Token);
        var unfilledBody = await unfilled.Content.ReadAsStringAsync(Token);
        Assert.True(unfilled.StatusCode == HttpStatusCode.BadRequest, unfilledBody);
        Assert.Contains("--arg label=VALUE", unfilledBody, StringComparison.Ordinal);

        const string label = "it's \"mine\"; $(reboot) `id` & more";
        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers", new { image = $"{name}/argv", name = workload, registry_arguments = new Dictionary<string, string> { ["label"] = label } }, Token);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        try
        {
            await using var client = await McpProbe.ConnectAsync(body.GetProperty("port").GetInt32());
            var argv = await client.CallToolAsync("argv", cancellationToken: Token);
            var text = Assert.IsType<TextContentBlock>(Assert.Single(argv.Content)).Text;
            Assert.Equal([.. s_hostile, "--label", label], JsonSerializer.Deserialize<string[]>(text)!);
        }
        finally
        {
            await fixture.Api.DeleteAsync($"api/v1beta/servers/{workload}", Token);
            await fixture.Api.DeleteAsync($"api/v1beta/registry/{name}", Token);
        }
    }

    private static JsonObject Npm(string name, string package, string version) => new()
    {
        ["$schema"] = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
        ["name"] = name,
        ["description"] = $"server {name}",
        ["version"] = version,
        ["packages"] = new JsonArray(new JsonObject
        {
            ["registryType"] = "npm",
            ["identifier"] = package,
            ["version"] = version,
            ["transport"] = new JsonObject { ["type"] = "stdio" },
        }),
    };

    /// <summary>One page of the list API, items wrapped as the 2025-12-11 API wraps them; the cursor is the next offset.</summary>
    private IResult ServePage(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        var offset = int.TryParse(http.Request.Query["cursor"], out var parsed) ? parsed : 0;
        var page = new JsonArray([.. _entries.Skip(offset).Take(PageSize).Select(entry => (JsonNode)new JsonObject
        {
            ["server"] = entry.DeepClone(),
            ["_meta"] = new JsonObject { ["io.modelcontextprotocol.registry/official"] = new JsonObject { ["isLatest"] = true } },
        })]);
        var metadata = new JsonObject { ["count"] = page.Count };
        if (offset + PageSize < _entries.Count)
        {
            metadata["nextCursor"] = (offset + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Text(new JsonObject { ["servers"] = page, ["metadata"] = metadata }.ToJsonString(), "application/json");
    }
}
