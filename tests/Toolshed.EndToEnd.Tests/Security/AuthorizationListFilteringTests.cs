using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// A policy file written for ToolHive — permits on call_tool, get_prompt and read_resource, nothing about lists —
/// given to `./shed run IMAGE --authz-config FILE` as a user runs it: an anonymous caller's lists show exactly the
/// permitted items, and only an explicit forbid on a list action empties that list.
/// </summary>
public sealed partial class AuthorizationListFilteringTests : IAsyncDisposable
{
    private const string Resource = "demo://resource/static/document/features.md";

    /// <summary>ToolHive's documented YAML config, with this server's names.</summary>
    private const string ToolHivePolicy = $"""
        version: "1.0"
        type: cedarv1
        cedar:
          policies:
            - 'permit(principal, action == Action::"call_tool", resource == Tool::"echo");'
            - 'permit(principal, action == Action::"call_tool", resource == Tool::"get-sum");'
            - 'permit(principal, action == Action::"get_prompt", resource == Prompt::"simple-prompt");'
            - 'permit(principal, action == Action::"read_resource", resource == Resource::"{Resource}");'
          entities_json: "[]"
        """;

    private const string ForbidListTools = """
            - 'forbid(principal, action == Action::"list_tools", resource);'

        """;

    private readonly TemporaryDirectory _home = new("toolshed-authz-lists");
    private readonly ShedScript _shed;
    private readonly List<string> _workloads = [];

    public AuthorizationListFilteringTests()
    {
        DockerRequirement.EnsureAvailable();
        _shed = new ShedScript(_home.Path, DaemonProcess.FreePort());
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _workloads)
        {
            await _shed.RunAsync("rm", "--force", name);
        }

        _shed.KillDaemon();
        _home.Dispose();
    }

    [Fact]
    public async Task Run_ToolHivePolicyWithoutListPermits_ListsShowExactlyThePermittedItems()
    {
        var (name, port) = await RunAsync("thv-policy", ToolHivePolicy);
        await using var client = await McpProbe.ConnectAsync(port);

        var tools = await client.ListToolsAsync(cancellationToken: Token);
        var prompts = await client.ListPromptsAsync(cancellationToken: Token);
        var resources = await client.ListResourcesAsync(cancellationToken: Token);

        Assert.Equal(["echo", "get-sum"], tools.Select(t => t.Name).Order());
        Assert.Equal(["simple-prompt"], prompts.Select(p => p.Name));
        Assert.Equal([Resource], resources.Select(r => r.Uri));
        Assert.Equal("Echo: listed", await McpProbe.EchoAsync(client, "listed"));
        var denied = await Assert.ThrowsAsync<HttpRequestException>(async () => await client.CallToolAsync("get-env", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("allow", await AuditDecisionAsync(name, "tools/list"));
    }

    [Fact]
    public async Task Run_PolicyForbiddingListTools_ToolsListIsEmptyOtherListsStillFiltered()
    {
        var (name, port) = await RunAsync("thv-forbid", ToolHivePolicy.Replace("  entities_json", ForbidListTools + "  entities_json", StringComparison.Ordinal));
        await using var client = await McpProbe.ConnectAsync(port);

        var tools = await client.ListToolsAsync(cancellationToken: Token);
        var prompts = await client.ListPromptsAsync(cancellationToken: Token);

        Assert.Empty(tools);
        Assert.Equal(["simple-prompt"], prompts.Select(p => p.Name));
        Assert.Equal("Echo: hidden", await McpProbe.EchoAsync(client, "hidden"));
        Assert.Equal("deny", await AuditDecisionAsync(name, "tools/list"));
        Assert.Equal("allow", await AuditDecisionAsync(name, "prompts/list"));
    }

    private async Task<(string Name, int Port)> RunAsync(string name, string policy)
    {
        var file = Path.Combine(_home.Path, name + ".yaml");
        await File.WriteAllTextAsync(file, policy, Token);
        _workloads.Add(name);

        var run = await _shed.RunAsync("run", TestImages.Everything, "--name", name, "--authz-config", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var url = McpUrl().Match(run.Stdout);
        Assert.True(url.Success, run.ToString());
        return (name, int.Parse(url.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The decision of the audit line `shed logs NAME --audit` shows for the first request of <paramref name="method"/>.</summary>
    private async Task<string?> AuditDecisionAsync(string name, string method)
    {
        var logs = await _shed.RunAsync("logs", name, "--audit");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        var line = logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .FirstOrDefault(l => l.GetProperty("method").GetString() == method);
        Assert.True(line.ValueKind == JsonValueKind.Object, $"no audit line for {method}:\n{logs}");
        return line.GetProperty("decision").GetString();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:(\d+)/mcp")]
    private static partial Regex McpUrl();
}
