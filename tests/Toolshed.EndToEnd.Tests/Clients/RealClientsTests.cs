using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Clients;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Clients;

/// <summary>
/// The real Claude Code, Gemini CLI and Codex CLIs (npm, run offline with HOME at a test folder) list the workload
/// from the files Toolshed wrote; Claude Code and Gemini CLI also connect to it. They are installed by `npm ci` in
/// tests/clients/real-clients (scripts/test runs it); when that has not been run the test fails saying so.
/// </summary>
public sealed class RealClientsTests : IAsyncLifetime
{
    private static readonly string s_bin = RepositoryPaths.Combine("tests", "clients", "real-clients", "node_modules", ".bin");
    private readonly TemporaryDirectory _directory = new("toolshed-real-clients");
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Home => _directory.Combine("home");

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        foreach (var dir in new[] { ".claude", ".gemini", ".codex" })
        {
            Directory.CreateDirectory(Path.Combine(Home, dir));
        }

        // Gemini CLI ignores user-level servers in folders the user has not trusted.
        await File.WriteAllTextAsync(Path.Combine(Home, ".gemini", "trustedFolders.json"), JsonSerializer.Serialize(new Dictionary<string, string> { [Home] = "TRUST_FOLDER" }));
        _daemon = await DaemonHost.StartAsync(
            TestPaths.In(_directory), CancellationToken.None, builder => builder.Services.AddSingleton(new ClientOptions { HomeDirectory = Home }));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var list = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
            foreach (var server in list.GetProperty("servers").EnumerateArray())
            {
                await _daemon.Client.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}");
            }
        }
        finally
        {
            await _daemon.DisposeAsync();
            _directory.Dispose();
        }
    }

    [Fact]
    public async Task McpList_RealClientsAfterRegisterAndRun_ShowTheWorkload()
    {
        if (!File.Exists(Path.Combine(s_bin, "claude")))
        {
            Assert.Fail($"The real client CLIs are not installed: run `npm ci` in {Path.GetDirectoryName(Path.GetDirectoryName(s_bin))} (scripts/test does).");
        }

        foreach (var client in new[] { "claude-code", "gemini-cli", "codex" })
        {
            (await _daemon.Client.PostAsync($"api/v1beta/clients/{client}", null, Token)).EnsureSuccessStatusCode();
        }

        var name = $"real-{Guid.NewGuid():N}"[..13];
        var created = await _daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.Everything, name }, Token);
        created.EnsureSuccessStatusCode();
        var port = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("port").GetInt32();
        var url = $"http://127.0.0.1:{port}/mcp";
        // Entries are written once the workload answers initialize.
        await _daemon.GetService<WorkloadReadinessWatcher>().WhenSettledAsync(name).WaitAsync(TimeSpan.FromMinutes(2), Token);

        var claude = await RunAsync("claude", "mcp", "list");
        var gemini = await RunAsync("gemini", "mcp", "list");
        var codex = await RunAsync("codex", "mcp", "list");

        Assert.True(Regex.IsMatch(claude, $@"toolshed-{name}: {url} \(HTTP\) - \S+ Connected"), claude);
        Assert.True(Regex.IsMatch(gemini, $@"toolshed-{name}: {url} \(http\) - Connected"), gemini);
        Assert.True(Regex.IsMatch(codex, $@"toolshed-{name}\s+{url}\s+-\s+enabled"), codex);
    }

    private async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(s_bin, tool))
        {
            WorkingDirectory = Home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = Home;
        start.Environment["CODEX_HOME"] = Path.Combine(Home, ".codex");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        try
        {
            await process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromMinutes(2), Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return $"{await stdout}\n{await stderr}";
    }
}
