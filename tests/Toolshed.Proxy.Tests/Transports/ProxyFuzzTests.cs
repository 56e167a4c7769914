using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Proxy.Tests.Transports;

/// <summary>
/// Thousands of generated bad requests (<see cref="BadRequestGenerator"/>, fixed seed) against a real proxy in front of
/// the real everything-server over stdio. Every answer must be a 4xx; the only exceptions are the ones the transport
/// prescribes for well-formed messages: 200 with a JSON-RPC -32601 error for a request of an unknown method, and 202
/// for a notification. Afterwards the proxy still serves, bad requests left no session behind, and the memory held
/// after a full collection is back near where it was. Alone in its collection, so the process's memory is its own.
/// </summary>
[Collection(nameof(ProxyFuzzTests))]
[CollectionDefinition(nameof(ProxyFuzzTests), DisableParallelization = true)]
public sealed class ProxyFuzzTests
{
    private const int Cases = 3000;
    private const int Warmup = 300;
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxSessions = 20;
    private const long AllowedGrowthBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan s_perRequest = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BadRequests_Generated_AreAllRefusedAndTheProxyStaysWhole()
    {
        await using var harness = await ProxyHarness.StartAsync(
            () => TestServers.StartEverything("stdio"), o => o with { MaxRequestBodyBytes = MaxBodyBytes, MaxSessions = MaxSessions });
        await FuzzAsync(harness.Proxy.BaseUrl, () => harness.Proxy.SessionCount);
    }

    /// <summary>The same cases at a group's endpoint in front of that proxy: the group's own transports and router.</summary>
    [Fact]
    public async Task BadRequests_AtAGroupEndpoint_AreAllRefusedAndTheGroupStaysWhole()
    {
        await using var harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything("stdio"));
        await using var services = ProxyHarness.CreateServices();
        await using var group = await services.GetRequiredService<Toolshed.Proxy.Groups.GroupProxyFactory>().StartAsync(
            new Toolshed.Proxy.Groups.GroupProxyOptions
            {
                Endpoint = new WorkloadProxyOptions { WorkloadName = "fuzzed", MaxRequestBodyBytes = MaxBodyBytes, MaxSessions = MaxSessions },
                Members = [new Toolshed.Proxy.Groups.GroupMember("test", harness.Proxy.McpUrl, IsRunning: true, "running")],
            },
            Ct);
        await FuzzAsync(new Uri($"http://127.0.0.1:{group.Port}/"), () => group.SessionCount);
        Assert.True(group.MemberSessionCount <= 2, $"{group.MemberSessionCount} member sessions are open: bad requests opened some");
    }

    private static async Task FuzzAsync(Uri baseUrl, Func<int> sessionCount)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TOOLSHED_FUZZ_SEED"), out var chosen) ? chosen : 20_260_131;
        var cases = new BadRequestGenerator(seed, MaxBodyBytes).Generate(Cases).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 8 }) { BaseAddress = baseUrl };
        var session = await RawMcpCalls.InitializeAsync(http);
        using var legacy = await SseStream.OpenAsync(http);
        var legacySession = legacy.Endpoint[(legacy.Endpoint.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var sessionsBefore = sessionCount();

        var failures = new List<string>();
        await RunAsync(http, cases[..Warmup], session, legacySession, failures);
        var memoryBefore = SettledMemory();
        await RunAsync(http, cases[Warmup..], session, legacySession, failures);
        var memoryAfter = SettledMemory();

        var seedNote = $"seed {seed} (set TOOLSHED_FUZZ_SEED to replay)";
        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} answers were wrong, {seedNote}:\n" + string.Join('\n', failures.Take(20)));
        Assert.True(sessionCount() == sessionsBefore, $"bad requests left {sessionCount() - sessionsBefore} sessions open, {seedNote}");
        Assert.True(sessionCount() <= MaxSessions, $"{sessionCount()} sessions open past the cap of {MaxSessions}, {seedNote}");
        Assert.True(
            memoryAfter - memoryBefore < AllowedGrowthBytes,
            $"memory held grew from {memoryBefore / 1024} KiB to {memoryAfter / 1024} KiB, {seedNote}");

        var fresh = await RawMcpCalls.InitializeAsync(http);
        using var tools = await RawMcpCalls.PostAsync(http, "mcp", fresh, """{"jsonrpc":"2.0","id":"after","method":"tools/list"}""");
        Assert.Equal(HttpStatusCode.OK, tools.StatusCode);
        Assert.Contains("\"echo\"", await tools.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task RunAsync(HttpClient http, List<FuzzCase> cases, string session, string legacySession, List<string> failures)
    {
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (fuzz, ct) =>
        {
            var problem = await SendAndJudgeAsync(http, fuzz, session, legacySession, ct);
            if (problem is not null)
            {
                lock (failures)
                {
                    failures.Add($"{fuzz.Describe()}\n    → {problem}");
                }
            }
        });
    }

    /// <summary>Null when the proxy answered as it must.</summary>
    private static async Task<string?> SendAndJudgeAsync(HttpClient http, FuzzCase fuzz, string session, string legacySession, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(fuzz.Method, fuzz.Path.Replace(FuzzCase.ValidLegacySession, legacySession, StringComparison.Ordinal));
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        if (!fuzz.Headers.ContainsKey("Accept"))
        {
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        }

        foreach (var (name, value) in fuzz.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value == FuzzCase.ValidSession ? session : value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_perRequest);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {s_perRequest.TotalSeconds:0}s";
        }
        catch (HttpRequestException ex)
        {
            return "the connection failed: " + ex.Message + " / " + ex.InnerException?.GetType().Name + ": " + ex.InnerException?.Message;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            return fuzz.Expect switch
            {
                FuzzExpectation.Refused when status is >= 400 and < 500 => CheckErrorBody(response.Content.Headers.ContentType, text),
                FuzzExpectation.Accepted when status == 202 => null,
                FuzzExpectation.MethodNotFound when status == 200 => CheckMethodNotFound(text, fuzz.IdJson!),
                _ => $"HTTP {status}: {Shorten(text)}",
            };
        }
    }

    /// <summary>A JSON answer to a refused request is a JSON-RPC error.</summary>
    private static string? CheckErrorBody(MediaTypeHeaderValue? contentType, string text)
    {
        if (contentType?.MediaType != "application/json")
        {
            return null;
        }

        var body = JsonNode.Parse(text) as JsonObject;
        return body?["jsonrpc"]?.GetValue<string>() == "2.0" && body["error"]?["code"] is JsonValue
            ? null
            : "a JSON answer that is not a JSON-RPC error: " + Shorten(text);
    }

    private static string? CheckMethodNotFound(string text, string idJson)
    {
        // The stream may carry the server's own requests to the client first (roots/list); the answer has no method.
        var messages = text.StartsWith('{')
            ? [text]
            : text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]);
        var answer = messages.Select(m => JsonNode.Parse(m) as JsonObject).FirstOrDefault(m => m is not null && !m.ContainsKey("method"));
        if (answer?["error"]?["code"]?.GetValue<int>() != -32601)
        {
            return "expected error -32601: " + Shorten(text);
        }

        return answer["id"]?.ToJsonString() == idJson ? null : $"the error carries id {Shorten(answer["id"]?.ToJsonString() ?? "null")}, not {Shorten(idJson)}";
    }

    private static long SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
