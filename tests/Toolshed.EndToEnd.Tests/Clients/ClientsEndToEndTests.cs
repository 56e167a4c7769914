using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Clients;
using Toolshed.Server.Clients;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Clients;

/// <summary>
/// Client configs following real workloads on a real engine, and `shed proxy stdio` driven by the C# SDK's stdio
/// client as a stdio-only app would run it. HOME for client configs is a temporary folder.
/// </summary>
public sealed class ClientsEndToEndTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("toolshed-e2e-clients");
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Home => _directory.Combine("home");

    private HttpClient Api => _daemon.Client;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        Directory.CreateDirectory(Path.Combine(Home, ".cursor"));
        Directory.CreateDirectory(Path.Combine(Home, ".config", "Claude"));
        _daemon = await DaemonHost.StartAsync(
            TestPaths.In(_directory),
            CancellationToken.None,
            builder => builder.Services.AddSingleton(new ClientOptions { HomeDirectory = Home }));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var list = await Api.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
            foreach (var server in list.GetProperty("servers").EnumerateArray())
            {
                await Api.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}");
            }
        }
        finally
        {
            await _daemon.DisposeAsync();
            _directory.Dispose();
        }
    }

    [Fact]
    public async Task RunTwoAtOnceThenRemove_RegisteredClients_BothEntriesLandThenLeave()
    {
        (await Api.PostAsync("api/v1beta/clients/cursor", null, Token)).EnsureSuccessStatusCode();
        (await Api.PostAsync("api/v1beta/clients/claude-desktop", null, Token)).EnsureSuccessStatusCode();
        var names = new[] { Unique("one"), Unique("two") };

        var ports = await Task.WhenAll(names.Select(CreateAsync));
        // Entries are written once each workload answers initialize.
        var watcher = _daemon.GetService<WorkloadReadinessWatcher>();
        await Task.WhenAll(names.Select(watcher.WhenSettledAsync)).WaitAsync(TimeSpan.FromMinutes(2), Token);

        var cursor = McpClientCatalog.Find("cursor")!;
        var cursorPath = Path.Combine(Home, ".cursor", "mcp.json");
        var cursorText = await File.ReadAllTextAsync(cursorPath, Token);
        Assert.Equal(names.Select(ConfigEntry.NameFor).Order(), cursor.Editor.EntryNames(cursorText, cursor.Location).Order());
        Assert.Contains($"\"url\": \"http://127.0.0.1:{ports[0]}/mcp\"", cursorText, StringComparison.Ordinal);
        Assert.Contains($"\"url\": \"http://127.0.0.1:{ports[1]}/mcp\"", cursorText, StringComparison.Ordinal);
        var desktopText = await File.ReadAllTextAsync(Path.Combine(Home, ".config", "Claude", "claude_desktop_config.json"), Token);
        Assert.Contains($"\"args\": [\"proxy\", \"stdio\", \"{names[0]}\"]", desktopText, StringComparison.Ordinal);

        foreach (var name in names)
        {
            (await Api.DeleteAsync($"api/v1beta/servers/{name}", Token)).EnsureSuccessStatusCode();
        }

        // Toolshed created the file: it goes with its last entry, and there never was a backup.
        Assert.False(File.Exists(cursorPath));
        Assert.False(File.Exists(cursorPath + ClientConfigFile.BackupSuffix));
        Assert.True(Directory.Exists(Path.Combine(Home, ".cursor")));
    }

    [Fact]
    public async Task ProxyStdio_EverythingWorkload_SdkStdioClientListsToolsAndCallsEcho()
    {
        var name = Unique("bridge");
        await CreateAsync(name);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "shed-proxy-stdio",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "shed.dll"), "proxy", "stdio", name],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["TOOLSHED_API_URL"] = _daemon.BaseAddress.AbsoluteUri.TrimEnd('/'),
                ["TOOLSHED_HOME"] = _directory.Combine("cli"),
                ["TOOLSHED_API_TOKEN"] = _daemon.ApiToken,
            },
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Token);
        var tools = await client.ListToolsAsync(cancellationToken: Token);
        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "through stdio" }, cancellationToken: Token);

        Assert.Contains(tools, tool => tool.Name == "echo");
        Assert.Contains("through stdio", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProxyStdio_TypeScriptSdkStdioClient_ListsToolsCallsEchoAndAnswersSampling()
    {
        var name = Unique("tsbridge");
        await CreateAsync(name);
        var environment = new Dictionary<string, string>
        {
            ["TOOLSHED_API_URL"] = _daemon.BaseAddress.AbsoluteUri.TrimEnd('/'),
            ["TOOLSHED_HOME"] = _directory.Combine("cli"),
            ["TOOLSHED_API_TOKEN"] = _daemon.ApiToken!,
        };

        var result = await TsStdioClient.RunAsync(environment, "dotnet", Path.Combine(AppContext.BaseDirectory, "shed.dll"), "proxy", "stdio", name);

        Assert.Contains("echo", result["tools"]!.AsArray().Select(t => (string?)t), StringComparer.Ordinal);
        Assert.Contains("hello over stdio", (string?)result["echo"], StringComparison.Ordinal);
        Assert.Contains("sampled over stdio", (string?)result["sampling"], StringComparison.Ordinal);
    }

    private async Task<int> CreateAsync(string name)
    {
        var response = await Api.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.Everything, name }, Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("port").GetInt32();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
