using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Lifecycle;

/// <summary>Workloads outlive the daemon: a SIGKILLed daemon comes back and serves every workload on its old port.</summary>
public sealed class DaemonRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(90);
    private readonly TemporaryDirectory _home = new("toolshed-restart");
    private DaemonProcess? _daemon;

    public ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        return ValueTask.CompletedTask;
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

        _home.Dispose();
    }

    [Fact]
    public async Task KillDaemon_StartAgain_ServesSamePortsWithoutRecreatingContainers()
    {
        var ct = TestContext.Current.CancellationToken;
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct);
        var ports = new Dictionary<string, int>();
        var ids = new Dictionary<string, string>();
        foreach (var (name, image) in new[] { ("stdio-cs", TestImages.CSharpServer), ("stdio-everything", TestImages.Everything) })
        {
            var created = await _daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image, name }, ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
            ports[name] = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();
            ids[name] = (await _daemon.Client.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct)).GetProperty("id").GetString()!;
        }

        var oldSession = await InitializeSessionAsync(ports["stdio-cs"]);
        await using (var client = await McpProbe.ConnectAsync(ports["stdio-everything"]))
        {
            Assert.Contains("before", await McpProbe.EchoAsync(client, "before"), StringComparison.Ordinal);
        }

        await _daemon.KillAsync();
        await _daemon.DisposeAsync();
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct);

        foreach (var (name, port) in ports)
        {
            var answer = await Eventually.GetAsync(
                async () =>
                {
                    await using var client = await McpProbe.ConnectAsync(port);
                    return await McpProbe.EchoAsync(client, "after");
                },
                s_wait,
                $"{name} answers on its old port {port}");
            Assert.Contains("after", answer, StringComparison.Ordinal);
            var info = await _daemon.Client.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct);
            Assert.Equal(ids[name], info.GetProperty("id").GetString());
            Assert.Equal("running", info.GetProperty("state").GetString());
        }

        // The session from before the crash is unknown now: 404, so the client knows to initialize again.
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{ports["stdio-cs"]}/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        stale.Headers.Add("Mcp-Session-Id", oldSession);
        stale.Headers.Accept.ParseAdd("application/json");
        stale.Headers.Accept.ParseAdd("text/event-stream");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(stale, ct)).StatusCode);
    }

    private static async Task<string> InitializeSessionAsync(int port)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }
}
