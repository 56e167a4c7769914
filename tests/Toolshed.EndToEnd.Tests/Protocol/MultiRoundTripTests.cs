using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Toolshed.EndToEnd.Tests.Protocol.EraWorkloads;

// Sampling is deprecated as of 2026-07-28 (SEP-2577), but still part of it, and what this server asks for.
#pragma warning disable MCP9005

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>
/// A 2026-07-28 client's tool call that makes the 2025-era server ask for sampling or elicitation: the proxy answers the
/// call with input_required, the client's handler answers that, its retry carries the answer to the server, and the
/// call completes with what the handler said — multi round-trip requests through the proxy, with the real C# client.
/// </summary>
[Collection(ProtocolCollection.Name)]
public sealed class MultiRoundTripTests(EraWorkloads workloads)
{
    [Theory]
    [InlineData(Stdio, ClientEra.Probing)]
    [InlineData(Stdio, ClientEra.Modern)]
    [InlineData(Http, ClientEra.Probing)]
    [InlineData(Http, ClientEra.Modern)]
    public async Task ModernClient_ToolCallThatSamples_HandlerAnswersAndTheCallCompletes(string workload, ClientEra era)
    {
        var asked = new ConcurrentQueue<CreateMessageRequestParams>();
        var mark = await workloads.MarkAuditAsync(workload);
        await using var client = await EraClient.ConnectAsync(workloads.McpUrl(workload), era, new McpClientHandlers
        {
            SamplingHandler = (request, _, _) =>
            {
                asked.Enqueue(request!);
                return ValueTask.FromResult(new CreateMessageResult
                {
                    Content = [new TextContentBlock { Text = $"sampled by the {era} client" }],
                    Model = "e2e-model",
                    Role = Role.Assistant,
                });
            },
        });
        Assert.Equal(EraClient.Modern, client.NegotiatedProtocolVersion);

        var text = await EraClient.CallTextAsync(client, "trigger-sampling-request", ("prompt", $"round trip over {workload}"), ("maxTokens", 7));

        Assert.Contains($"sampled by the {era} client", text, StringComparison.Ordinal);
        Assert.Contains("e2e-model", text, StringComparison.Ordinal);
        var request = Assert.Single(asked);
        Assert.Equal(7, request.MaxTokens);
        var message = Assert.IsType<TextContentBlock>(Assert.Single(Assert.Single(request.Messages).Content));
        Assert.Equal($"Resource trigger-sampling-request context: round trip over {workload}", message.Text);
        await AssertNoInitializeAsync(mark, "trigger-sampling-request");
    }

    [Theory]
    [InlineData(Stdio, ClientEra.Probing)]
    [InlineData(Stdio, ClientEra.Modern)]
    [InlineData(Http, ClientEra.Probing)]
    [InlineData(Http, ClientEra.Modern)]
    public async Task ModernClient_ToolCallThatElicits_HandlerAnswersAndTheCallCompletes(string workload, ClientEra era)
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        var mark = await workloads.MarkAuditAsync(workload);
        await using var client = await EraClient.ConnectAsync(workloads.McpUrl(workload), era, new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Enqueue(request!);
                return ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement>
                    {
                        ["name"] = JsonSerializer.SerializeToElement($"{era} over {workload}"),
                        ["check"] = JsonSerializer.SerializeToElement(true),
                    },
                });
            },
        });
        Assert.Equal(EraClient.Modern, client.NegotiatedProtocolVersion);

        var text = await EraClient.CallTextAsync(client, "trigger-elicitation-request");

        Assert.Contains("User provided the requested information", text, StringComparison.Ordinal);
        Assert.Contains($"- Name: {era} over {workload}", text, StringComparison.Ordinal);
        Assert.Contains("- Agreed to terms: true", text, StringComparison.Ordinal);
        var request = Assert.Single(asked);
        Assert.Equal("Please provide inputs for the following fields:", request.Message);
        Assert.Contains("name", request.RequestedSchema!.Required ?? [], StringComparer.Ordinal);
        await AssertNoInitializeAsync(mark, "trigger-elicitation-request");
    }

    /// <summary>The call is on the audit log, and nothing the client sent was a 2025-era handshake.</summary>
    private async Task AssertNoInitializeAsync(AuditMark mark, string tool)
    {
        var lines = await workloads.AuditSinceAsync(mark, ("tools/call", tool));
        Assert.DoesNotContain(lines, line => AuditLine.Is(line, "initialize"));
        Assert.All(lines.Where(l => AuditLine.Is(l, "tools/call", tool)), line => Assert.Equal("success", AuditLine.Outcome(line)));
        Assert.All(lines, line => Assert.Equal(EraClient.Modern, AuditLine.Protocol(line)));
    }
}
