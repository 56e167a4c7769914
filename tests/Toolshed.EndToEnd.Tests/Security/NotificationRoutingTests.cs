using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// One stdio everything-server shared by two OIDC subjects through the daemon's proxy: what the server says while
/// serving one subject (log messages, progress, requests to a client) stays with that subject's session, and
/// list_changed still reaches everyone.
/// </summary>
public sealed class NotificationRoutingTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>, IAsyncLifetime
{
    // The method by name: the SDK marks logging obsolete for a later revision, but the ones the proxy serves carry it.
    private const string LogMessage = "notifications/message";

    private TestIssuer _issuer = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _issuer = await TestIssuer.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task SharedServer_TwoSubjects_OneSubjectsLogsProgressAndServerRequestsNeverReachTheOther()
    {
        var port = await CreateEverythingWithOidcAsync();
        var bobBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseBob = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bobSampled = 0;
        await using var alice = await McpProbe.ConnectAsync(port, token: _issuer.Mint(subject: "alice"), options: Handlers(
            sampling: () => "sampled for alice",
            elicitation: () => Task.CompletedTask));
        await using var bob = await McpProbe.ConnectAsync(port, token: _issuer.Mint(subject: "bob"), options: Handlers(
            sampling: () =>
            {
                Interlocked.Increment(ref bobSampled);
                return "sampled for bob";
            },
            elicitation: async () =>
            {
                // Holds Bob's tool call in flight until the test lets go: no timing decides what is in flight.
                bobBusy.TrySetResult();
                await releaseBob.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }));
        var aliceSaw = new NotificationRecorder();
        var bobSaw = new NotificationRecorder();
        var registrations = new List<IAsyncDisposable>();
        foreach (var method in new[] { LogMessage, NotificationMethods.ProgressNotification, NotificationMethods.ResourceListChangedNotification })
        {
            registrations.Add(alice.RegisterNotificationHandler(method, aliceSaw.OnNotification));
            registrations.Add(bob.RegisterNotificationHandler(method, bobSaw.OnNotification));
        }

        try
        {
            // Alice asks for log messages, Bob does not.
#pragma warning disable MCP9005
            await alice.SetLoggingLevelAsync(LoggingLevel.Debug, cancellationToken: Token);
#pragma warning restore MCP9005

            // 1. Only Alice's request is in flight: the log message the server emits while serving it is hers.
            await alice.SubscribeToResourceAsync("test://alice/one", cancellationToken: Token);
            await aliceSaw.WaitForAsync(LogMessage, p => Data(p).Contains("test://alice/one", StringComparison.Ordinal));

            // A resource list change reaches both; Bob gets it on his GET stream after anything broadcast before it.
            await ChangeResourceListAsync(alice, "first.gz");
            await aliceSaw.WaitForAsync(NotificationMethods.ResourceListChangedNotification);
            await bobSaw.WaitForAsync(NotificationMethods.ResourceListChangedNotification);
            Assert.Empty(bobSaw.Params(LogMessage));

            // 2. Bob's requests are in flight too (one held on an elicitation, one reporting progress).
            var bobHeld = bob.CallToolAsync("trigger-elicitation-request", cancellationToken: Token).AsTask();
            await bobBusy.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
            var bobOperation = LongOperationAsync(bob, steps: 2);
            var aliceOperation = LongOperationAsync(alice, steps: 3);
            await bobSaw.WaitForAsync(NotificationMethods.ProgressNotification);
            await aliceSaw.WaitForAsync(NotificationMethods.ProgressNotification);

            // Two subjects' requests in flight: the log cannot be tied to a request, so only sessions that asked get it.
            await alice.SubscribeToResourceAsync("test://alice/two", cancellationToken: Token);
            await aliceSaw.WaitForAsync(LogMessage, p => Data(p).Contains("test://alice/two", StringComparison.Ordinal));

            // A sampling request then belongs to nobody for sure: the proxy answers the server with an error, no guess.
            var unrouted = await alice.CallToolAsync("trigger-sampling-request", Args(("prompt", "hi")), cancellationToken: Token);
            Assert.True(unrouted.IsError, Text(unrouted));
            Assert.Contains("cannot route this request to a client", Text(unrouted), StringComparison.Ordinal);

            releaseBob.TrySetResult();
            await Task.WhenAll(bobHeld, bobOperation, aliceOperation).WaitAsync(TimeSpan.FromSeconds(60), Token);

            // 3. Alice alone again: her sampling request reaches her.
            var sampled = await alice.CallToolAsync("trigger-sampling-request", Args(("prompt", "hi")), cancellationToken: Token);
            Assert.Contains("sampled for alice", Text(sampled), StringComparison.Ordinal);

            // 4. Another list change, as a marker: by then Bob has everything that was ever broadcast to him.
            await ChangeResourceListAsync(alice, "second.gz");
            await bobSaw.WaitForAsync(NotificationMethods.ResourceListChangedNotification, count: 2);

            // Bob saw none of Alice's log messages and only his own progress; his sampling handler never ran.
            Assert.Empty(bobSaw.Params(LogMessage));
            Assert.All(bobSaw.Params(NotificationMethods.ProgressNotification), p => Assert.Equal(2, p?["total"]?.GetValue<int>()));
            Assert.All(aliceSaw.Params(NotificationMethods.ProgressNotification), p => Assert.Equal(3, p?["total"]?.GetValue<int>()));
            Assert.Equal(0, Volatile.Read(ref bobSampled));
        }
        finally
        {
            // An assertion that fails while Bob is held must not leave his client waiting on it forever.
            releaseBob.TrySetResult();
            foreach (var registration in registrations)
            {
                await registration.DisposeAsync();
            }
        }
    }

    private async Task<int> CreateEverythingWithOidcAsync()
    {
        var created = await fixture.Api.PostAsJsonAsync(
            "api/v1beta/servers",
            new
            {
                image = TestImages.Everything,
                name = ServersApiFixture.UniqueName("routing"),
                oidc = new { issuer = _issuer.Issuer, audience = TestIssuer.Audience },
            },
            Token);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("port").GetInt32();
    }

    /// <summary>The everything-server registers a resource for the gzipped data URI, and announces a new resource list.</summary>
    private static Task ChangeResourceListAsync(McpClient client, string name) =>
        client.CallToolAsync(
            "gzip-file-as-resource", Args(("name", name), ("data", "data:text/plain,hello"), ("outputType", "resourceLink")), cancellationToken: Token).AsTask();

    private static Task LongOperationAsync(McpClient client, int steps) =>
        client.CallToolAsync(
            "trigger-long-running-operation", Args(("duration", steps * 0.5), ("steps", steps)), new Progress<ProgressNotificationValue>(), cancellationToken: Token).AsTask();

    /// <summary>A 2025-11-25 session's handlers: these tests are about what a shared server's session traffic may reach.</summary>
    private static McpClientOptions Handlers(Func<string> sampling, Func<Task> elicitation) => new()
    {
        ProtocolVersion = "2025-11-25",
        Handlers = new McpClientHandlers
        {
            // Sampling is deprecated in a later revision, but the revisions this proxy serves still carry it.
#pragma warning disable MCP9005
            SamplingHandler = (_, _, _) => ValueTask.FromResult(new CreateMessageResult
            {
                Content = [new TextContentBlock { Text = sampling() }],
                Model = "test-model",
                Role = Role.Assistant,
            }),
#pragma warning restore MCP9005
            ElicitationHandler = async (_, _) =>
            {
                await elicitation();
                return new ElicitResult { Action = "decline" };
            },
        },
    };

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value);

    private static string Data(JsonNode? parameters) => parameters?["data"]?.ToString() ?? "";

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
