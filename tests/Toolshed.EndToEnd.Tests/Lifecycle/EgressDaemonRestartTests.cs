using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Toolshed.EndToEnd.Tests.Security;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Lifecycle;

/// <summary>
/// An allow-listed workload outlives a SIGKILLed daemon with its sidecar: the new daemon adopts both (no
/// recreation), the allow-list still holds, and delete then removes container, sidecar and network. The test host is
/// a container on the engine's default bridge, the daemon's default way out, allowed by its address.
/// </summary>
public sealed class EgressDaemonRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(90);
    private readonly TemporaryDirectory _home = new("toolshed-egress-restart");
    private readonly string _host = $"toolshed-test-bridge-host-{Guid.NewGuid():N}"[..40];
    private DaemonProcess? _daemon;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        await DockerCli.RunAsync(
            "run", "-d", "--name", _host, "--label", "toolshed.test=egress", TestImages.Base,
            "node", "-e", "require('http').createServer((q,s)=>s.end('ok')).listen(8080,()=>console.log('ready'))");
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            var list = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
            foreach (var server in list.GetProperty("servers").EnumerateArray())
            {
                await _daemon.Client.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}?force=true");
            }

            await _daemon.DisposeAsync();
        }

        await DockerCli.TryAsync("rm", "-f", _host);
        _home.Dispose();
    }

    [Fact]
    public async Task KillDaemon_StartAgain_AdoptsWorkloadAndSidecar_AllowListStillHolds()
    {
        var ct = TestContext.Current.CancellationToken;
        var address = (await DockerCli.RunAsync("inspect", "-f", "{{.NetworkSettings.IPAddress}}", _host)).Trim();
        var name = ServersApiFixture.UniqueName("egress-restart");
        var profile = JsonSerializer.Serialize(new { network = new { outbound = new { allow_host = new[] { address }, allow_port = new[] { 8080 } } } });
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct);
        var created = await _daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name, permission_profile = profile }, ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var port = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();
        var containerId = await IdOfAsync($"toolshed-{name}");
        var sidecarId = await IdOfAsync(EgressGateway.SidecarName(name));
        Assert.Equal("status 200", await EventuallyFetchAsync(port, $"http://{address}:8080/"));

        await _daemon.KillAsync();
        await _daemon.DisposeAsync();
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct);

        Assert.Equal("status 200", await EventuallyFetchAsync(port, $"http://{address}:8080/"));
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("status 403", await SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = $"http://{address}:9090/" }));
            Assert.StartsWith("error:", await SecurityFixture.CallAsync(client, "connect", new() { ["host"] = address, ["port"] = 8080 }), StringComparison.Ordinal);
        }

        Assert.Equal(containerId, await IdOfAsync($"toolshed-{name}"));
        Assert.Equal(sidecarId, await IdOfAsync(EgressGateway.SidecarName(name)));

        Assert.Equal(HttpStatusCode.NoContent, (await _daemon.Client.DeleteAsync($"api/v1beta/servers/{name}", ct)).StatusCode);
        Assert.NotEqual(0, await DockerCli.TryAsync("inspect", EgressGateway.SidecarName(name)));
        Assert.NotEqual(0, await DockerCli.TryAsync("network", "inspect", EgressGateway.NetworkName(name)));
    }

    [Fact]
    public async Task ContainerLeftOnTheOpenBridge_ByAnEarlierVersion_IsRecreatedOnItsEgressNetwork()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("egress-upgrade");
        var profile = JsonSerializer.Serialize(new { network = new { outbound = new { allow_host = new[] { "allowed.invalid" } } } });
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct);
        var created = await _daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name, permission_profile = profile }, ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var port = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();
        await _daemon.KillAsync();
        await _daemon.DisposeAsync();
        _daemon = null;

        // What a version without enforcement left behind: the same container (same labels) on the open bridge.
        var container = $"toolshed-{name}";
        var labels = JsonDocument.Parse(await DockerCli.RunAsync("inspect", "-f", "{{json .Config.Labels}}", container)).RootElement;
        await DockerCli.RunAsync("rm", "-f", container);
        var arguments = new List<string> { "run", "-d", "-i", "--name", container, "--network", "bridge", "--cap-drop", "ALL" };
        foreach (var label in labels.EnumerateObject())
        {
            arguments.AddRange(["--label", $"{label.Name}={label.Value.GetString()}"]);
        }

        arguments.Add(TestImages.CSharpServer);
        var bridgedId = (await DockerCli.RunAsync([.. arguments])).Trim();
        await using (var database = new SqliteConnection($"Data Source={Path.Combine(_home.Path, "state", "toolshed.db")}"))
        {
            await database.OpenAsync(ct);
            await using var update = database.CreateCommand();
            update.CommandText = "UPDATE workloads SET container_id = $id WHERE name = $name";
            update.Parameters.AddWithValue("$id", bridgedId);
            update.Parameters.AddWithValue("$name", name);
            Assert.Equal(1, await update.ExecuteNonQueryAsync(ct));
        }

        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct);

        var refused = await Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port);
                var fetched = await SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = "http://denied.invalid/" });
                return fetched == "status 403" ? fetched : null;
            },
            s_wait,
            "the workload is served again, through its egress proxy");
        Assert.Equal("status 403", refused);
        Assert.Equal(EgressGateway.NetworkName(name), (await DockerCli.RunAsync("inspect", "-f", "{{.HostConfig.NetworkMode}}", container)).Trim());
    }

    private static async Task<string> IdOfAsync(string container) =>
        (await DockerCli.RunAsync("inspect", "-f", "{{.Id}}", container)).Trim();

    private static Task<string> EventuallyFetchAsync(int port, string url) =>
        Eventually.GetAsync(
            async () =>
            {
                await using var client = await McpProbe.ConnectAsync(port);
                var answer = await SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = url });
                return answer == "status 200" ? answer : null;
            },
            s_wait,
            $"the workload on port {port} fetches {url}");
}
