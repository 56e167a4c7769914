using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Disruptive;

/// <summary>
/// The engine restarts under a running daemon (its containers stop with it); the workloads come back without the
/// user doing anything. Restarting dockerd disturbs every other test, so scripts/test runs this category alone.
/// </summary>
[Trait("Category", "Disruptive")]
public sealed class EngineRestartTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-engine");
    private DaemonProcess _daemon = null!;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        var list = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
        foreach (var server in list.GetProperty("servers").EnumerateArray())
        {
            await _daemon.Client.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}");
        }

        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task DockerdRestarts_WorkloadsServeAgainOnTheirPorts()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await _daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.Everything, name = "survivor" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var port = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Contains("before", await McpProbe.EchoAsync(client, "before"), StringComparison.Ordinal);
        }

        // An allow-listed workload comes back with its egress sidecar: a 403 can only come from the sidecar.
        var profile = JsonSerializer.Serialize(new { network = new { outbound = new { allow_host = new[] { "allowed.invalid" } } } });
        var guarded = await _daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name = "guarded", permission_profile = profile }, ct);
        Assert.Equal(HttpStatusCode.Created, guarded.StatusCode);
        var guardedPort = (await guarded.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();

        await EngineControl.RestartDockerdAsync(ct);

        var refused = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(guardedPort);
                var fetched = await Security.SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = "http://denied.invalid/" });
                return fetched == "status 403" ? fetched : null;
            },
            TimeSpan.FromSeconds(90),
            "the allow-listed workload and its sidecar are back after dockerd restarted");
        Assert.Equal("status 403", refused);

        var answer = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port);
                return await McpProbe.EchoAsync(client, "after the engine restart");
            },
            TimeSpan.FromSeconds(90),
            $"the workload answers on port {port} after dockerd restarted");
        Assert.Contains("after the engine restart", answer, StringComparison.Ordinal);
        var info = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/servers/survivor", ct);
        Assert.Equal("running", info.GetProperty("state").GetString());
    }
}
