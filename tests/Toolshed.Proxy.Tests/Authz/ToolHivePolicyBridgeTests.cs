using ModelContextProtocol.Client;
using Toolshed.Authorization;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Authz;

/// <summary>
/// A ToolHive policy (permits on the item actions only) in front of the real everything-server, on both bridged
/// paths — a stdio server and an HTTP server the proxy is the one client of: every list is filtered alike.
/// </summary>
public sealed class ToolHivePolicyBridgeTests
{
    private const string Resource = "demo://resource/static/document/features.md";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static readonly string[] s_permits =
    [
        "permit(principal, action == Action::\"call_tool\", resource == Tool::\"echo\");",
        "permit(principal, action == Action::\"call_tool\", resource == Tool::\"get-sum\");",
        "permit(principal, action == Action::\"get_prompt\", resource == Prompt::\"simple-prompt\");",
        $"permit(principal, action == Action::\"read_resource\", resource == Resource::\"{Resource}\");",
    ];

    private static readonly string[] s_listForbids =
    [
        "forbid(principal, action == Action::\"list_tools\", resource);",
        "forbid(principal, action in [Action::\"list_prompts\", Action::\"list_resources\"], resource);",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Servers => ["stdio", "streamableHttp", "sse"];

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Lists_PolicyWithoutListPermits_ShowExactlyThePermittedItems(string server)
    {
        await using var process = server == "stdio" ? null : await HttpServerProcess.StartEverythingAsync(server);
        await using var harness = await StartProxyAsync(server, process, s_permits);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp);

        var tools = await client.ListToolsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        var prompts = await client.ListPromptsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        var resources = await client.ListResourcesAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);

        Assert.Equal(["echo", "get-sum"], tools.Select(t => t.Name).Order());
        Assert.Equal(["simple-prompt"], prompts.Select(p => p.Name));
        Assert.Equal([Resource], resources.Select(r => r.Uri));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Lists_ExplicitForbidOnTheListActions_AreEmptyWhileCallsStillPass(string server)
    {
        await using var process = server == "stdio" ? null : await HttpServerProcess.StartEverythingAsync(server);
        await using var harness = await StartProxyAsync(server, process, [.. s_permits, .. s_listForbids]);
        await using var client = await Clients.ConnectAsync(harness.Proxy, HttpTransportMode.StreamableHttp);

        var tools = await client.ListToolsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        var prompts = await client.ListPromptsAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        var resources = await client.ListResourcesAsync(cancellationToken: Token).AsTask().WaitAsync(s_wait, Token);
        var echo = await client.CallToolAsync("echo", Clients.Args(("message", "hidden but callable")), cancellationToken: Token)
            .AsTask().WaitAsync(s_wait, Token);

        Assert.Empty(tools);
        Assert.Empty(prompts);
        Assert.Empty(resources);
        Assert.NotEqual(true, echo.IsError);
    }

    private static Task<ProxyHarness> StartProxyAsync(string server, HttpServerProcess? process, string[] policies)
    {
        var authorizer = new CedarCallAuthorizer(CedarAuthorizer.FromPolicies(policies));
        if (process is null)
        {
            return ProxyHarness.StartAsync(() => TestServers.StartEverything(), o => o with { Authorizer = authorizer });
        }

        var (transport, path) = server == "sse" ? (McpTransport.Sse, "/sse") : (McpTransport.StreamableHttp, "/mcp");
        return ProxyHarness.StartAsync(null, o => o with
        {
            Transport = transport,
            Authorizer = authorizer,
        }, upstream: new Uri($"http://127.0.0.1:{process.Port}{path}"));
    }
}
