using System.Net;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Modern;

/// <summary>
/// A 2025-era server's sampling and elicitation requests, met by a 2026-07-28 client's call through the stdio bridge:
/// the call answers input_required, and the client's retry with inputResponses resumes the held upstream call.
/// </summary>
public sealed class ModernMultiRoundTripTests
{
    private static readonly JsonObject s_sampling = new() { ["sampling"] = new JsonObject() };

    [Fact]
    public async Task SamplingDuringACall_IsAskedOfTheClient_AndTheRetryFinishesTheCall()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var wire = new ModernWire(http);
        var call = new JsonObject { ["name"] = "trigger-sampling-request", ["arguments"] = new JsonObject { ["prompt"] = "say hi" } };

        var first = await wire.CallAsync("tools/call", (JsonObject)call.DeepClone(), id: 1, meta: ModernWire.Meta(s_sampling));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var interim = first.Result!;
        Assert.Equal("input_required", interim["resultType"]?.GetValue<string>());
        var (key, input) = Assert.Single(interim["inputRequests"]!.AsObject());
        Assert.Equal("sampling/createMessage", input!["method"]?.GetValue<string>());
        var state = interim["requestState"]!.GetValue<string>();

        var retry = (JsonObject)call.DeepClone();
        retry["requestState"] = state;
        retry["inputResponses"] = new JsonObject
        {
            [key] = new JsonObject
            {
                ["role"] = "assistant", ["model"] = "test-model",
                ["content"] = new JsonObject { ["type"] = "text", ["text"] = "sampled by hand" },
            },
        };
        var second = await wire.CallAsync("tools/call", retry, id: 2, meta: ModernWire.Meta(s_sampling));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(second.Result is not null, second.Body);
        Assert.Equal(2, second.Last["id"]?.GetValue<int>());
        Assert.Equal("complete", second.Result!["resultType"]?.GetValue<string>());
        Assert.Contains("sampled by hand", second.Result.ToJsonString(), StringComparison.Ordinal);
    }
}
