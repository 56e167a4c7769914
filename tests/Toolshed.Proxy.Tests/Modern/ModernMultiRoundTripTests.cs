using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
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

    [Fact]
    public async Task ElicitationDuringACall_IsAskedOfTheClient_AndTheAnswerReachesTheServer()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var wire = new ModernWire(http);
        var capabilities = new JsonObject { ["elicitation"] = new JsonObject() };
        var call = new JsonObject { ["name"] = "trigger-elicitation-request", ["arguments"] = new JsonObject() };

        var first = await wire.CallAsync("tools/call", (JsonObject)call.DeepClone(), id: "e-1", meta: ModernWire.Meta(capabilities));
        var (key, input) = Assert.Single(first.Result!["inputRequests"]!.AsObject());
        Assert.Equal("elicitation/create", input!["method"]?.GetValue<string>());
        Assert.NotNull(input["params"]?["requestedSchema"]);

        var retry = (JsonObject)call.DeepClone();
        retry["requestState"] = first.Result["requestState"]!.GetValue<string>();
        retry["inputResponses"] = new JsonObject { [key] = new JsonObject { ["action"] = "decline" } };
        var second = await wire.CallAsync("tools/call", retry, id: "e-2", meta: ModernWire.Meta(capabilities));

        Assert.Equal("e-2", second.Last["id"]?.GetValue<string>());
        Assert.Equal("complete", second.Result!["resultType"]?.GetValue<string>());
        Assert.Contains("decline", second.Result.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ServerAsksForACapabilityTheClientDidNotDeclare_TheServerIsRefusedAndTheCallCompletes()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var call = new JsonObject { ["name"] = "trigger-sampling-request", ["arguments"] = new JsonObject { ["prompt"] = "say hi" } };

        var answer = await new ModernWire(http).CallAsync("tools/call", call, meta: ModernWire.Meta());

        // Never input_required for a capability the request did not declare: the server's own request fails instead.
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.NotEqual("input_required", answer.Result?["resultType"]?.GetValue<string>());
        Assert.Contains("sampling", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryWithAlteredOrForeignState_IsInvalidParams_AndTheHeldCallStillResumes()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything());
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var wire = new ModernWire(http);
        var call = new JsonObject { ["name"] = "trigger-sampling-request", ["arguments"] = new JsonObject { ["prompt"] = "say hi" } };
        var first = await wire.CallAsync("tools/call", (JsonObject)call.DeepClone(), meta: ModernWire.Meta(s_sampling));
        var state = first.Result!["requestState"]!.GetValue<string>();
        var key = first.Result["inputRequests"]!.AsObject().Single().Key;

        var altered = (JsonObject)call.DeepClone();
        altered["requestState"] = state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1];
        var otherRequest = new JsonObject { ["name"] = "trigger-sampling-request", ["arguments"] = new JsonObject { ["prompt"] = "another prompt" }, ["requestState"] = state };
        var alteredAnswer = await wire.CallAsync("tools/call", altered, id: 2, meta: ModernWire.Meta(s_sampling));
        var otherAnswer = await wire.CallAsync("tools/call", otherRequest, id: 3, meta: ModernWire.Meta(s_sampling));

        Assert.Equal(-32602, alteredAnswer.ErrorCode);
        Assert.Equal(-32602, otherAnswer.ErrorCode);
        Assert.Contains("requestState", otherAnswer.Last["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var retry = (JsonObject)call.DeepClone();
        retry["requestState"] = state;
        retry["inputResponses"] = new JsonObject { [key] = Sampled("after the bad retries") };
        var resumed = await wire.CallAsync("tools/call", retry, id: 4, meta: ModernWire.Meta(s_sampling));
        Assert.Contains("after the bad retries", resumed.Result!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeldCall_PastItsTime_IsCancelledUpstream_AndItsStateIsExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything(), timeProvider: time);
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var wire = new ModernWire(http);
        var call = new JsonObject { ["name"] = "trigger-sampling-request", ["arguments"] = new JsonObject { ["prompt"] = "say hi" } };
        var first = await wire.CallAsync("tools/call", (JsonObject)call.DeepClone(), meta: ModernWire.Meta(s_sampling));
        var key = first.Result!["inputRequests"]!.AsObject().Single().Key;

        time.Advance(TimeSpan.FromMinutes(6));
        var retry = (JsonObject)call.DeepClone();
        retry["requestState"] = first.Result["requestState"]!.GetValue<string>();
        retry["inputResponses"] = new JsonObject { [key] = Sampled("too late") };
        var late = await wire.CallAsync("tools/call", retry, id: 2, meta: ModernWire.Meta(s_sampling));

        Assert.Equal(-32602, late.ErrorCode);
        Assert.Contains("expired", late.Last["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject Sampled(string text) => new()
    {
        ["role"] = "assistant", ["model"] = "test-model", ["content"] = new JsonObject { ["type"] = "text", ["text"] = text },
    };
}
