using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Stdio;

/// <summary>The everything-server behind the stdio bridge, driven by the TypeScript SDK client over both transports.</summary>
public sealed class EverythingServerTsClientTests
{
    [Theory]
    [InlineData("streamable")]
    [InlineData("sse")]
    public async Task Scenario_TsSdkClient_ToolsProgressSamplingResourcesPromptsWork(string mode)
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        var url = mode == "sse" ? harness.Proxy.SseUrl : harness.Proxy.McpUrl;

        var result = await TsClient.RunAsync("scenario.mjs", url.ToString(), mode);

        Assert.Contains("echo", result["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("hello from ts", result["echo"]!.GetValue<string>());
        Assert.Contains("Steps: 3", result["longRunning"]!.GetValue<string>());
        Assert.NotEmpty(result["progress"]!.AsArray());
        Assert.Contains("sampled by the TS client", result["sampling"]!.GetValue<string>());
        Assert.True(result["resources"]!.GetValue<int>() > 0);
        Assert.True(result["readContents"]!.GetValue<int>() > 0);
        Assert.Contains("simple-prompt", result["prompts"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(result["promptMessages"]!.GetValue<int>() > 0);
    }
}
