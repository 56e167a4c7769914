using System.Collections.Concurrent;
using System.Globalization;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Toolshed.EndToEnd.Tests.Protocol.EraWorkloads;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>
/// 2026-07-28 clients and 2025-11-25 clients on one workload at the same time: each sees only what belongs to its own
/// requests — its progress, its results, and the server's requests for input that its own calls caused.
/// </summary>
[Collection(ProtocolCollection.Name)]
public sealed class MixedErasTests(EraWorkloads workloads)
{
    private static readonly TimeSpan s_calls = TimeSpan.FromMinutes(2);

    private long _sequence;

    [Theory]
    [InlineData(Stdio)]
    [InlineData(Http)]
    public async Task ConcurrentLongCalls_ModernAndLegacyClients_EachGetsOnlyItsOwnProgressAndResult(string workload)
    {
        // Each client its own step count (so a report's total says whose it is); every step takes as long, so every
        // call is still running when the others report their first step.
        const double SecondsPerStep = 0.75;
        (string Tag, ClientEra Era, int Steps)[] callers =
            [("modern-a", ClientEra.Modern, 3), ("probing-b", ClientEra.Probing, 4), ("legacy-c", ClientEra.Legacy, 5), ("legacy-d", ClientEra.Legacy, 6)];
        var clients = new List<McpClient>();
        try
        {
            foreach (var caller in callers)
            {
                clients.Add(await EraClient.ConnectAsync(workloads.McpUrl(workload), caller.Era));
            }

            Assert.Equal(callers.Select(c => EraClient.VersionOf(c.Era)), clients.Select(c => c.NegotiatedProtocolVersion));
            var logs = callers.Select(_ => new ProgressLog(NextInSequence)).ToArray();
            var finished = new long[callers.Length];
            var calls = callers.Select(async (caller, i) =>
            {
                var echo = EraClient.CallTextAsync(clients[i], "echo", ("message", $"{caller.Tag} is still here"));
                var result = await EraClient.CallAsync(
                    clients[i], "trigger-long-running-operation", [("duration", caller.Steps * SecondsPerStep), ("steps", caller.Steps)], logs[i]);
                finished[i] = NextInSequence();
                return (Text: EraClient.Text(result), Echo: await echo);
            }).ToArray();
            var answers = await Task.WhenAll(calls).WaitAsync(s_calls, TestContext.Current.CancellationToken);

            for (var i = 0; i < callers.Length; i++)
            {
                var (tag, _, steps) = callers[i];
                Assert.Equal(
                    string.Create(CultureInfo.InvariantCulture, $"Long running operation completed. Duration: {steps * SecondsPerStep} seconds, Steps: {steps}."),
                    answers[i].Text);
                Assert.Equal($"Echo: {tag} is still here", answers[i].Echo);
                // The SDK client handles each message on its own task and stops listening for a call's progress when
                // its answer comes: the last step's report, sent just before the answer, may lose that race (it does
                // against the server's own transport too). Every earlier one arrives first.
                await logs[i].WaitForAsync(steps - 1, TimeSpan.FromSeconds(10), $"{tag}'s progress");
                var seen = logs[i].Seen;
                var described = string.Join(", ", seen.Select(p => $"{p.Progress}/{p.Total}"));
                Assert.True(seen.All(p => p.Total == steps), $"{tag} (total {steps}) got progress of another call: {described}");
                Assert.True(
                    seen.Select(p => (int)p.Progress).SequenceEqual(Enumerable.Range(1, seen.Count)),
                    $"{tag} got its steps out of order or twice: {described}");
            }

            // Not an assertion on the proxy: without it the calls may not have overlapped, and the test proved nothing.
            Assert.True(
                logs.Max(l => l.FirstReport) < finished.Min(),
                "the calls did not overlap (one finished before every other had reported its first step): the test proved nothing");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// 2026-07-28 (multi round-trip requests) ties a request for input to the request it is for: a call's
    /// input_required names what the server needs for that call, and the retry's answers go to that call alone. The
    /// everything-server asks for sampling inside each call; with calls of three clients in flight at once, no client
    /// may be asked for another's prompt, and no call may complete with another client's answer. Over Streamable HTTP
    /// the server sends each request on the stream of the call it belongs to, so every call must get its own answer;
    /// over stdio nothing on the wire says which call a server request is for, and the proxy may refuse it (the call
    /// then fails) but must not hand it to another client.
    /// </summary>
    [Theory]
    [InlineData(Stdio)]
    [InlineData(Http)]
    public async Task ConcurrentSampling_TwoModernClientsAndALegacyOne_NoClientGetsAnotherClientsRequest(string workload)
    {
        const int CallsEach = 4;
        (string Tag, ClientEra Era)[] callers = [("modern-a", ClientEra.Modern), ("modern-b", ClientEra.Modern), ("legacy-c", ClientEra.Legacy)];
        var misrouted = new ConcurrentQueue<string>();
        var clients = new List<McpClient>();
        try
        {
            foreach (var (tag, era) in callers)
            {
                clients.Add(await EraClient.ConnectAsync(workloads.McpUrl(workload), era, SamplingAs(tag, misrouted)));
            }

            var calls = callers.SelectMany((caller, i) => Enumerable.Range(0, CallsEach).Select(async n =>
            {
                var prompt = $"{caller.Tag} call {n}";
                var result = await EraClient.CallAsync(clients[i], "trigger-sampling-request", [("prompt", prompt)]);
                return (caller.Tag, Prompt: prompt, result.IsError, Text: EraClient.Text(result));
            })).ToArray();
            var results = await Task.WhenAll(calls).WaitAsync(s_calls, TestContext.Current.CancellationToken);

            var report = string.Join("\n", results.Select(r => $"{r.Prompt}: {(r.IsError == true ? "error " : "")}{Answers(r.Text)}"));
            Assert.True(misrouted.IsEmpty, $"clients were asked for other clients' prompts:\n{string.Join("\n", misrouted)}\nresults:\n{report}");
            foreach (var (tag, prompt, isError, text) in results)
            {
                Assert.True(
                    callers.Where(c => c.Tag != tag).All(other => !text.Contains($"sampled by {other.Tag}", StringComparison.Ordinal)),
                    $"{prompt} completed with another client's answer:\n{report}");
                if (workload == Http || isError != true)
                {
                    Assert.True(
                        isError != true && text.Contains($"sampled by {tag} for {prompt}", StringComparison.Ordinal),
                        $"{prompt} did not complete with its own client's answer:\n{report}");
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private long NextInSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>A sampling handler that answers as <paramref name="tag"/>, noting any prompt that is not its client's.</summary>
    private static McpClientHandlers SamplingAs(string tag, ConcurrentQueue<string> misrouted) => new()
    {
#pragma warning disable MCP9005 // Sampling is deprecated as of 2026-07-28, but still part of it.
        SamplingHandler = (request, _, _) =>
        {
            var text = string.Join("", request!.Messages.SelectMany(m => m.Content).OfType<TextContentBlock>().Select(t => t.Text));
            var prompt = text.Replace("Resource trigger-sampling-request context: ", "", StringComparison.Ordinal);
            if (!prompt.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                misrouted.Enqueue($"{tag} was asked for '{prompt}'");
            }

            return ValueTask.FromResult(new CreateMessageResult
            {
                Content = [new TextContentBlock { Text = $"sampled by {tag} for {prompt}" }],
                Model = "e2e-model",
                Role = Role.Assistant,
            });
        },
#pragma warning restore MCP9005
    };

    /// <summary>Only the "sampled by …" part of a result, for a readable failure.</summary>
    private static string Answers(string text)
    {
        var at = text.IndexOf("sampled by ", StringComparison.Ordinal);
        return at < 0 ? text.ReplaceLineEndings(" ")[..Math.Min(text.Length, 160)] : text[at..].Split('"')[0];
    }
}
