using System.Text.Json.Nodes;
using Toolshed.Testing;
using static Toolshed.EndToEnd.Tests.Protocol.EraWorkloads;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>
/// The TypeScript SDK v2 client (npm @modelcontextprotocol/client 2.4.0), which speaks 2026-07-28 when its
/// versionNegotiation asks for it ('auto' probes with server/discover, { pin } allows nothing else; the default,
/// 'legacy', is the 2025 handshake), through tests/clients/ts/modern-scenario.mjs: answered in the modern era,
/// sampling and elicitation by multi round-trip, and beside a 2025-era TypeScript client each with its own progress.
/// </summary>
[Collection(ProtocolCollection.Name)]
public sealed class TsModernClientTests(EraWorkloads workloads)
{
    private const string Script = "modern-scenario.mjs";

    [Theory]
    [InlineData(Stdio, "auto")]
    [InlineData(Stdio, "pin")]
    [InlineData(Http, "auto")]
    [InlineData(Http, "pin")]
    public async Task TsModernClient_ToolsSamplingAndElicitation_AnsweredIn20260728(string workload, string negotiation)
    {
        EnsureInstalled();
        var mark = await workloads.MarkAuditAsync(workload);

        var result = await TsClient.RunAsync(Script, workloads.McpUrl(workload).ToString(), negotiation, "modern");

        Assert.Equal("modern", Text(result, "era"));
        Assert.Equal(EraClient.Modern, Text(result, "version"));
        Assert.Equal("mcp-servers/everything", Text(result, "server"));
        Assert.Equal("Echo: hello from the ts modern client", Text(result, "echo"));
        Assert.Equal("The sum of 20 and 22 is 42.", Text(result, "sum"));
        Assert.Contains("sampled by the ts client for Resource trigger-sampling-request context: ts prompt", Text(result, "sampling"), StringComparison.Ordinal);
        Assert.Contains("- Name: ts modern", Text(result, "elicitation"), StringComparison.Ordinal);
        AssertLongCall(result["long"], steps: 3, "the modern client");

        var lines = await workloads.AuditSinceAsync(
            mark, ("server/discover", null), ("tools/call", "echo"), ("tools/call", "trigger-elicitation-request"), ("tools/call", "trigger-long-running-operation"));
        Assert.DoesNotContain(lines, line => AuditLine.Is(line, "initialize"));
        Assert.All(lines, line => Assert.Equal(EraClient.Modern, AuditLine.Protocol(line)));
        if (workload == Http)
        {
            Assert.All(lines.Where(l => AuditLine.Is(l, "tools/call")), call => Assert.Null(AuditLine.HttpStatus(call)));
        }
    }

    [Theory]
    [InlineData(Stdio)]
    [InlineData(Http)]
    public async Task TsModernAndLegacyClients_ConcurrentLongCalls_EachGetsOnlyItsOwnProgress(string workload)
    {
        EnsureInstalled();

        var result = await TsClient.RunAsync(Script, workloads.McpUrl(workload).ToString(), "auto", "mixed");

        Assert.Equal("modern", Text(result, "era"));
        Assert.Equal(EraClient.Legacy, Text(result, "legacyVersion"));
        AssertLongCall(result["modernLong"], steps: 3, "the modern client");
        AssertLongCall(result["legacyLong"], steps: 4, "the legacy client");
    }

    private static void AssertLongCall(JsonNode? call, int steps, string who)
    {
        var duration = steps * 0.75;
        Assert.Equal(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Long running operation completed. Duration: {duration} seconds, Steps: {steps}."),
            call?["text"]?.GetValue<string>());
        var progress = call?["progress"]?.AsArray() ?? [];
        Assert.True(
            progress.All(p => p?["total"]?.GetValue<int>() == steps),
            $"{who} (total {steps}) got progress of another call: {progress.ToJsonString()}");
        Assert.Equal(Enumerable.Range(1, steps), progress.Select(p => p?["progress"]?.GetValue<int>() ?? 0));
    }

    private static string? Text(JsonObject result, string key) => result[key]?.GetValue<string>();

    private static void EnsureInstalled()
    {
        var client = RepositoryPaths.Combine("tests", "clients", "ts", "node_modules", "@modelcontextprotocol", "client");
        Assert.True(Directory.Exists(client), "The TypeScript SDK v2 client is not installed: run `npm ci` in tests/clients/ts (scripts/test does).");
    }
}
