using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Tests.Support;
using Toolshed.Testing;

namespace Toolshed.Proxy.Tests.Modern;

/// <summary>
/// An HTTP workload whose own transport is forwarded: its 2025-era server never sees a 2026-07-28 request, the bridge
/// translates them (one upstream session of the proxy's own), and 2025 sessions are still forwarded as they are.
/// </summary>
public sealed class ModernForwardedTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _state = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task ModernRequests_AreTranslatedByTheBridge_LegacySessionsStillForwarded()
    {
        await using var server = await HttpServerProcess.StartEverythingAsync("streamableHttp");
        await using var harness = await ProxyHarness.StartAsync(null, o => o with
        {
            Transport = McpTransport.StreamableHttp,
            AuditDirectory = _state.Combine("audit"),
        }, upstream: new Uri($"http://127.0.0.1:{server.Port}/mcp"));
        using var http = new HttpClient { BaseAddress = harness.Proxy.BaseUrl };
        var wire = new ModernWire(http);

        var discover = await wire.CallAsync("server/discover");
        var sum = await wire.CallAsync("tools/call", new JsonObject { ["name"] = "get-sum", ["arguments"] = new JsonObject { ["a"] = 2, ["b"] = 3 } });
        using var legacy = await RawMcpCalls.OverStreamableHttpAsync(http, "get-sum");

        Assert.Equal(HttpStatusCode.OK, discover.Status);
        Assert.Contains("2026-07-28", discover.Result!["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, sum.Status);
        Assert.Equal("complete", sum.Result!["resultType"]?.GetValue<string>());
        Assert.Contains("5", sum.Result["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);

        // The audit log tells them apart: the bridged modern call has no http_status, the forwarded one has the server's.
        var lines = await AuditLinesAsync(harness.Proxy);
        var calls = lines.Where(l => l.GetProperty("method").GetString() == "tools/call").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Single(calls, l => !l.TryGetProperty("http_status", out _) && l.GetProperty("protocol").GetString() == "2026-07-28");
        Assert.Single(calls, l => l.TryGetProperty("http_status", out _));
    }

    private static async Task<List<JsonElement>> AuditLinesAsync(WorkloadProxy proxy)
    {
        for (var attempt = 0; ; attempt++)
        {
            var path = proxy.AuditLogPath!;
            if (File.Exists(path))
            {
                var lines = (await File.ReadAllLinesAsync(path, Token)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
                if (lines.Count(l => l.GetProperty("method").GetString() == "tools/call") >= 2 || attempt > 50)
                {
                    return lines;
                }
            }

            await Task.Delay(100, Token);
        }
    }
}
