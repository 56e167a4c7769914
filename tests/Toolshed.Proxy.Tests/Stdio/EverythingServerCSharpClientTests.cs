using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Stdio;

/// <summary>The npm everything-server behind the stdio bridge, driven by the official C# SDK client over both transports.</summary>
public sealed class EverythingServerCSharpClientTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task ToolsAndEcho_ThroughProxy_AnswerLikeTheServer(HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        await using var client = await Clients.ConnectAsync(harness.Proxy, mode);

        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, t => t.Name == "echo");
        Assert.Contains(tools, t => t.Name == "trigger-long-running-operation");

        var result = await client.CallToolAsync("echo", Clients.Args(("message", "hello proxy")), cancellationToken: ct);
        Assert.Contains("hello proxy", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
        Assert.False(string.IsNullOrEmpty(client.ServerInfo?.Name));
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task LongRunningOperation_TwoSessions_ProgressReachesOnlyTheCaller(HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        await using var first = await Clients.ConnectAsync(harness.Proxy, mode);
        await using var second = await Clients.ConnectAsync(harness.Proxy, mode);

        // Raw handlers see every progress notification a session gets; the SDK's IProgress callback may miss the last
        // one (it unregisters when the response lands), so the counting happens here.
        var firstSaw = new ProgressRecorder(expected: 5);
        var secondSaw = new ProgressRecorder(expected: 3);
        await using var firstRegistration = first.RegisterNotificationHandler(NotificationMethods.ProgressNotification, firstSaw.OnNotification);
        await using var secondRegistration = second.RegisterNotificationHandler(NotificationMethods.ProgressNotification, secondSaw.OnNotification);

        var firstCall = first.CallToolAsync(
            "trigger-long-running-operation", Clients.Args(("duration", 0.5), ("steps", 5)), new Progress<ProgressNotificationValue>(), cancellationToken: ct).AsTask();
        var secondCall = second.CallToolAsync(
            "trigger-long-running-operation", Clients.Args(("duration", 0.3), ("steps", 3)), new Progress<ProgressNotificationValue>(), cancellationToken: ct).AsTask();
        await Task.WhenAll(firstCall, secondCall).WaitAsync(s_wait, ct);
        await firstSaw.Reached.WaitAsync(s_wait, ct);
        await secondSaw.Reached.WaitAsync(s_wait, ct);

        // Each session saw only its own operation's progress (total 5 vs total 3), and all of it.
        Assert.Equal([5, 5, 5, 5, 5], firstSaw.Totals);
        Assert.Equal([3, 3, 3], secondSaw.Totals);
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task SamplingRequest_FromServer_IsAnsweredByTheClient(HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        // Sampling is deprecated in a later revision, but the revisions this proxy serves still carry it.
#pragma warning disable MCP9005
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                SamplingHandler = (request, _, _) => ValueTask.FromResult(new CreateMessageResult
                {
                    Content = [new TextContentBlock { Text = "sampled by the C# client" }],
                    Model = "test-model",
                    Role = Role.Assistant,
                }),
            },
        };
#pragma warning restore MCP9005
        await using var client = await Clients.ConnectAsync(harness.Proxy, mode, options);

        var result = await client.CallToolAsync("trigger-sampling-request", Clients.Args(("prompt", "say hi")), cancellationToken: ct)
            .AsTask().WaitAsync(s_wait, ct);

        Assert.Contains("sampled by the C# client", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task ResourcesAndPrompts_ThroughProxy_ListAndRead(HttpTransportMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        await using var client = await Clients.ConnectAsync(harness.Proxy, mode);

        var resources = await client.ListResourcesAsync(cancellationToken: ct);
        Assert.NotEmpty(resources);
        var read = await client.ReadResourceAsync(resources[0].Uri, cancellationToken: ct);
        Assert.NotEmpty(read.Contents);

        var prompts = await client.ListPromptsAsync(cancellationToken: ct);
        Assert.Contains(prompts, p => p.Name == "simple-prompt");
        var prompt = await client.GetPromptAsync("simple-prompt", cancellationToken: ct);
        Assert.NotEmpty(prompt.Messages);
        Assert.Contains("simple", JsonSerializer.Serialize(prompt.Messages[0].Content, McpJsonUtilities.DefaultOptions), StringComparison.OrdinalIgnoreCase);
    }
}
