using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>Permission profiles, checked from inside the container with the C# test server's tools.</summary>
public sealed class PermissionProfileTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    private readonly HttpClient _api = fixture.Api;

    [Fact]
    public async Task Profiles_NoneAndNetwork_BlockOrReachAnotherContainer()
    {
        var target = ServersApiFixture.UniqueName("http");
        await fixture.CreateRunningAsync(new
        {
            image = TestImages.Everything,
            name = target,
            transport = "streamable-http",
            target_port = 3001,
            cmd_arguments = new[] { "streamableHttp" },
        });
        var info = await _api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{target}", TestContext.Current.CancellationToken);
        var inspect = await SecurityFixture.DockerInspectAsync(info.GetProperty("id").GetString()!);
        var address = inspect.GetProperty("NetworkSettings").GetProperty("IPAddress").GetString();
        Assert.False(string.IsNullOrEmpty(address));
        var url = $"http://{address}:3001/mcp";

        var isolated = await fixture.CreateRunningAsync(new { image = TestImages.CSharpServer, name = ServersApiFixture.UniqueName("none"), permission_profile = "none" });
        var networked = await fixture.CreateRunningAsync(new { image = TestImages.CSharpServer, name = ServersApiFixture.UniqueName("net"), permission_profile = "network" });

        await using (var client = await McpProbe.ConnectAsync(isolated))
        {
            Assert.StartsWith("error:", await SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = url }), StringComparison.Ordinal);
        }

        await using (var client = await McpProbe.ConnectAsync(networked))
        {
            Assert.StartsWith("status ", await SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = url }), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Profile_ReadAndWritePaths_ReadOnlyWritableAndNothingElse()
    {
        using var readDir = new TemporaryDirectory("toolshed-ro");
        using var writeDir = new TemporaryDirectory("toolshed-rw");
        await File.WriteAllTextAsync(Path.Combine(readDir.Path, "input.txt"), "readable", TestContext.Current.CancellationToken);
        var profile = JsonSerializer.Serialize(new { read = new[] { $"{readDir.Path}:/data/in" }, write = new[] { $"{writeDir.Path}:/data/out" } });

        var port = await fixture.CreateRunningAsync(new { image = TestImages.CSharpServer, name = ServersApiFixture.UniqueName("files"), permission_profile = profile });

        await using var client = await McpProbe.ConnectAsync(port);
        Assert.Equal("content: readable", await SecurityFixture.CallAsync(client, "read_file", new() { ["path"] = "/data/in/input.txt" }));
        Assert.StartsWith("error:", await SecurityFixture.CallAsync(client, "write_file", new() { ["path"] = "/data/in/new.txt", ["content"] = "x" }), StringComparison.Ordinal);
        Assert.Equal("written", await SecurityFixture.CallAsync(client, "write_file", new() { ["path"] = "/data/out/result.txt", ["content"] = "from container" }));
        Assert.Equal("from container", await File.ReadAllTextAsync(Path.Combine(writeDir.Path, "result.txt"), TestContext.Current.CancellationToken));
        Assert.StartsWith("error:", await SecurityFixture.CallAsync(client, "read_file", new() { ["path"] = Path.Combine(readDir.Path, "input.txt") }), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(readDir.Path, "new.txt")));
    }

    [Fact]
    public async Task Workload_AnyProfile_RunsWithNoEffectiveCapabilities()
    {
        var port = await fixture.CreateRunningAsync(new { image = TestImages.CSharpServer, name = ServersApiFixture.UniqueName("caps") });

        await using var client = await McpProbe.ConnectAsync(port);
        var capEff = await SecurityFixture.CallAsync(client, "cap_eff");

        Assert.Equal("CapEff:\t0000000000000000", capEff);
    }

    [Fact]
    public async Task ResourceLimits_Overridden_ReachTheContainer_DefaultsOtherwise()
    {
        var limited = ServersApiFixture.UniqueName("limits");
        var standard = ServersApiFixture.UniqueName("defaults");
        await fixture.CreateRunningAsync(new { image = TestImages.CSharpServer, name = limited, memory_limit = "256m", pids_limit = 64 });
        await fixture.CreateRunningAsync(new { image = TestImages.CSharpServer, name = standard });

        var limitedHost = (await ContainerOfAsync(limited)).GetProperty("HostConfig");
        var standardHost = (await ContainerOfAsync(standard)).GetProperty("HostConfig");

        Assert.Equal(256L * 1024 * 1024, limitedHost.GetProperty("Memory").GetInt64());
        Assert.Equal(64, limitedHost.GetProperty("PidsLimit").GetInt64());
        Assert.Equal(1024L * 1024 * 1024, standardHost.GetProperty("Memory").GetInt64());
        Assert.Equal(512, standardHost.GetProperty("PidsLimit").GetInt64());
    }

    [Theory]
    [InlineData("""{"memory_limit":"lots"}""", "memory_limit")]
    [InlineData("""{"memory_limit":"1m"}""", "memory_limit")]
    [InlineData("""{"pids_limit":1}""", "pids_limit")]
    public async Task Create_BadResourceLimit_Is400NamingTheField(string fields, string field)
    {
        var name = ServersApiFixture.UniqueName("badlimit");
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fields)!;
        body["image"] = JsonSerializer.SerializeToElement(TestImages.CSharpServer);
        body["name"] = JsonSerializer.SerializeToElement(name);

        var response = await _api.PostAsJsonAsync("api/v1beta/servers", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<JsonElement> ContainerOfAsync(string name)
    {
        var info = await _api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken);
        return await SecurityFixture.DockerInspectAsync(info.GetProperty("id").GetString()!);
    }

    [Theory]
    [InlineData("volume with ..", """{"volumes":["HOST:/data/../etc"]}""")]
    [InlineData("volume relative container path", """{"volumes":["HOST:data"]}""")]
    [InlineData("volume missing host path", """{"volumes":["HOST/does-not-exist:/data"]}""")]
    [InlineData("volume shell metacharacters", """{"volumes":["HOST;rm -rf /:/data"]}""")]
    [InlineData("profile with ..", """{"permission_profile":"{\"read\":[\"HOST:/data/../etc\"]}"}""")]
    [InlineData("profile relative container path", """{"permission_profile":"{\"write\":[\"HOST:data\"]}"}""")]
    [InlineData("profile missing host path", """{"permission_profile":"{\"read\":[\"HOST/does-not-exist\"]}"}""")]
    [InlineData("profile shell metacharacters", """{"permission_profile":"{\"read\":[\"HOST$(id):/data\"]}"}""")]
    public async Task Create_BadPath_Is400AndLeavesNothing(string why, string fields)
    {
        using var host = new TemporaryDirectory("toolshed-bad");
        var name = ServersApiFixture.UniqueName("bad");
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fields.Replace("HOST", host.Path, StringComparison.Ordinal))!;
        body["image"] = JsonSerializer.SerializeToElement(TestImages.CSharpServer);
        body["name"] = JsonSerializer.SerializeToElement(name);

        var response = await _api.PostAsJsonAsync("api/v1beta/servers", body, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
