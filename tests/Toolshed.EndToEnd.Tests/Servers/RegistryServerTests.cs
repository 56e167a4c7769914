using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>A server created by its registry name takes image, transport and arguments from the registry entry.</summary>
public sealed class RegistryServerTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    [Fact]
    public async Task Create_FromAddedRegistryEntry_RunsItsImageAndFullLifecycleWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        var registryName = $"e2e{Guid.NewGuid():N}"[..12];
        // Container names are global to the engine, and other test classes run their own daemons beside this one.
        var server = $"reg{Guid.NewGuid():N}"[..12];
        var file = Path.Combine(fixture.Home, "registry.json");
        await File.WriteAllTextAsync(file, $$"""
            {
              "version": "1",
              "last_updated": "2026-11-29T00:00:00Z",
              "servers": {
                "{{server}}": {
                  "name": "{{server}}",
                  "description": "Toolshed's C# test server",
                  "image": "{{TestImages.CSharpServer}}",
                  "transport": "stdio",
                  "tools": ["echo"],
                  "env_vars": [{ "name": "GREETING", "description": "a default", "required": false, "secret": false, "default": "hello" }]
                }
              }
            }
            """, ct);
        var added = await fixture.Api.PostAsJsonAsync("api/v1beta/registry", new { name = registryName, path = file }, ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var created = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = $"{registryName}/{server}" }, ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal(server, body.GetProperty("name").GetString());
        var port = body.GetProperty("port").GetInt32();

        var info = await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{server}", ct);
        Assert.Equal(TestImages.CSharpServer, info.GetProperty("image").GetString());
        Assert.Equal("running", info.GetProperty("state").GetString());
        Assert.Equal(port, info.GetProperty("ports")[0].GetProperty("hostPort").GetInt32());

        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("from the registry", await McpProbe.EchoAsync(client, "from the registry"));
            var names = await client.CallToolAsync("env_names", cancellationToken: ct);
            Assert.Contains("GREETING", JsonSerializer.Serialize(names.Content), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Api.PostAsync($"api/v1beta/servers/{server}/stop", null, ct)).StatusCode);
        Assert.Equal("stopped", (await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{server}", ct)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Api.PostAsync($"api/v1beta/servers/{server}/restart", null, ct)).StatusCode);
        Assert.Equal("running", (await fixture.Api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{server}", ct)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Api.DeleteAsync($"api/v1beta/servers/{server}", ct)).StatusCode);
        Assert.Empty(await fixture.OwnContainersAsync(server));

        var again = await fixture.Api.PostAsJsonAsync("api/v1beta/servers", new { image = $"{registryName}/no-such-server" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Empty(await fixture.OwnContainersAsync());
    }
}
