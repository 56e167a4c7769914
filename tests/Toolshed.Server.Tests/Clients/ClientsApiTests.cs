using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Core.Workloads;
using Toolshed.Server.Clients;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Tests.Clients;

/// <summary>The clients API against a real daemon with HOME pointed at a temporary folder.</summary>
public sealed class ClientsApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discover_CursorDirectoryExists_ReportsCursorInstalledAndNothingRegistered()
    {
        await using var host = await ClientsDaemon.StartAsync();
        Directory.CreateDirectory(host.InHome(".cursor"));

        var clients = await DiscoverAsync(host);

        Assert.True(clients["cursor"].GetProperty("installed").GetBoolean());
        Assert.False(clients["cursor"].GetProperty("registered").GetBoolean());
        Assert.False(clients["codex"].GetProperty("installed").GetBoolean());
        Assert.Equal(host.InHome(".cursor", "mcp.json"), clients["cursor"].GetProperty("config_path").GetString());
        Assert.Equal("stdio", clients["claude-desktop"].GetProperty("transport").GetString());
        Assert.True(clients.Count >= 15);
    }

    [Fact]
    public async Task Register_WithRunningWorkload_WritesEntryPersistsAndRemoveTakesItOut()
    {
        await using var host = await ClientsDaemon.StartAsync();
        Directory.CreateDirectory(host.InHome(".gemini"));
        var settings = host.InHome(".gemini", "settings.json");
        const string original = "{\n  \"theme\": \"Default\",\n  \"mcpServers\": {\n    \"mine\": { \"command\": \"my-server\" }\n  }\n}\n";
        await File.WriteAllTextAsync(settings, original, Token);
        await InsertRunningAsync(host, "github", 40123);

        var register = await host.Daemon.Client.PostAsync("api/v1beta/clients/gemini-cli", null, Token);

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var body = await register.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(body.GetProperty("client").GetProperty("registered").GetBoolean());
        Assert.Empty(body.GetProperty("warnings").EnumerateArray());
        Assert.Contains("\"toolshed-github\": {\n      \"httpUrl\": \"http://127.0.0.1:40123/mcp\"\n    }", await File.ReadAllTextAsync(settings, Token), StringComparison.Ordinal);
        Assert.Contains("gemini-cli", await File.ReadAllTextAsync(Path.Combine(host.ConfigRoot, "clients.json"), Token), StringComparison.Ordinal);
        var registered = await host.Daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/clients", Token);
        Assert.Equal("gemini-cli", Assert.Single(registered.GetProperty("clients").EnumerateArray()).GetProperty("name").GetString());

        var remove = await host.Daemon.Client.DeleteAsync("api/v1beta/clients/gemini-cli", Token);

        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Equal(original, await File.ReadAllTextAsync(settings, Token));
        Assert.False((await DiscoverAsync(host))["gemini-cli"].GetProperty("registered").GetBoolean());
    }

    [Fact]
    public async Task Register_ConfigThatDoesNotParse_LeavesFileAloneAndWarnsWithPosition()
    {
        await using var host = await ClientsDaemon.StartAsync();
        var path = host.InHome(".cursor", "mcp.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        const string broken = "{\n  \"mcpServers\": {\n    \"a\": {}\n    \"b\": {}\n  }\n}\n";
        await File.WriteAllTextAsync(path, broken, Token);
        await InsertRunningAsync(host, "github", 40123);

        var body = await (await host.Daemon.Client.PostAsync("api/v1beta/clients/cursor", null, Token)).Content.ReadFromJsonAsync<JsonElement>(Token);

        var warning = Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains($"{path}:4:5:", warning, StringComparison.Ordinal);
        Assert.Equal(broken, await File.ReadAllTextAsync(path, Token));
        Assert.False(File.Exists(path + ".toolshed-backup"));
    }

    [Fact]
    public async Task Register_UnknownClient_Returns404ProblemListingKnownClients()
    {
        await using var host = await ClientsDaemon.StartAsync();

        var response = await host.Daemon.Client.PostAsync("api/v1beta/clients/notepad", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("claude-code", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesClientEndpointsWithSnakeCaseFields()
    {
        await using var host = await ClientsDaemon.StartAsync();

        var document = await host.Daemon.Client.GetFromJsonAsync<JsonElement>("api/openapi.json", Token);

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1beta/discovery/clients").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1beta/clients/{name}").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1beta/clients/{name}").TryGetProperty("delete", out _));
        var status = document.GetProperty("components").GetProperty("schemas").GetProperty("ClientStatus").GetProperty("properties");
        foreach (var key in new[] { "name", "display_name", "installed", "registered", "config_path", "format", "transport" })
        {
            Assert.True(status.TryGetProperty(key, out _), $"The ClientStatus schema has no '{key}'.");
        }
    }

    private static async Task<Dictionary<string, JsonElement>> DiscoverAsync(ClientsDaemon host)
    {
        var body = await host.Daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/discovery/clients", Token);
        return body.GetProperty("clients").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
    }

    /// <summary>A workload the store says is running and that passed readiness (no container needed: the clients
    /// service reads desired state and the readiness record).</summary>
    internal static async Task InsertRunningAsync(ClientsDaemon host, string name, int port)
    {
        var store = host.Daemon.GetService<WorkloadStore>();
        var record = new WorkloadRecord { Spec = new WorkloadSpec { Name = name, Image = "example/none:1", ProxyPort = port } };
        Assert.True(await store.TryInsertAsync(record, Token));
        host.Daemon.GetService<ReadyWorkloads>().MarkReady(new Toolshed.Clients.WorkloadEndpoint(name, port));
    }
}
