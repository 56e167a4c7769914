using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    /// <summary>A daemon whose proxy for the new workload is itself: /mcp answers initialize with a session id.</summary>
    private const string InitializeResult = """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"fake","version":"1"}}}""";

    private static Task<FakeDaemon> StartDaemonAsync(int mcpStatus, CancellationToken cancellationToken) =>
        StartDaemonAsync(context =>
        {
            if (mcpStatus != 200)
            {
                return Results.StatusCode(mcpStatus);
            }

            context.Response.Headers["Mcp-Session-Id"] = "session-1";
            return FakeDaemon.Json(InitializeResult);
        }, (_, port) => FakeServerDetails.Json("fetch", port), cancellationToken);

    /// <summary>A daemon that creates 'fetch', serves its /mcp with <paramref name="mcp"/> and its details and stderr as given.</summary>
    private static Task<FakeDaemon> StartDaemonAsync(
        Func<HttpContext, IResult> mcp, Func<int, int, string> details, CancellationToken cancellationToken, string logs = "") =>
        FakeDaemon.StartAsync((app, daemon) =>
        {
            var polls = 0;
            app.MapPost("/api/v1beta/servers", () => FakeDaemon.Json($$"""{"name":"fetch","port":{{daemon.Port}}}""", StatusCodes.Status201Created));
            app.MapGet("/api/v1beta/servers/fetch", () => FakeDaemon.Json(details(Interlocked.Increment(ref polls), daemon.Port)));
            app.MapGet("/api/v1beta/servers/fetch/logs", () => Results.Text(logs, "text/plain"));
            app.MapPost("/mcp", mcp);
            app.MapDelete("/mcp", () => Results.NoContent());
        }, cancellationToken);

    [Fact]
    public async Task Run_ServerAnswersMcp_PrintsUrlsAndClientSnippet()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains($"http://127.0.0.1:{daemon.Port}/mcp", run.Out, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{daemon.Port}/sse", run.Out, StringComparison.Ordinal);
        var snippet = run.Out[run.Out.IndexOf('{', StringComparison.Ordinal)..];
        using var json = JsonDocument.Parse(snippet);
        Assert.Equal($"http://127.0.0.1:{daemon.Port}/mcp", json.RootElement.GetProperty("mcpServers").GetProperty("fetch").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Run_ServerAnswersMcp_SendsInitializeThenEndsTheSession()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        await CliRun.RunAsync(daemon.Url, "run", "fetch");

        var initialize = Assert.Single(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/mcp");
        using var body = JsonDocument.Parse(initialize.Body);
        Assert.Equal("initialize", body.RootElement.GetProperty("method").GetString());
        Assert.Equal("2025-06-18", body.RootElement.GetProperty("params").GetProperty("protocolVersion").GetString());
        Assert.Contains("text/event-stream", initialize.Headers["Accept"], StringComparison.Ordinal);
        Assert.Contains("application/json", initialize.Headers["Accept"], StringComparison.Ordinal);
        var delete = Assert.Single(daemon.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/mcp");
        Assert.Equal("session-1", delete.Headers["Mcp-Session-Id"]);
    }

    [Fact]
    public async Task Run_AllOptions_SendsThemInTheCreateRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        var run = await CliRun.RunAsync(daemon.Url,
            "run", "ghcr.io/example/server:1", "--name", "fetch", "--transport", "sse", "--target-port", "8000", "--proxy-port", "0",
            "-e", "A=1", "-e", "B=x=y", "--secret", "gh,target=GITHUB_TOKEN", "-v", "/tmp:/data:ro", "--permission-profile", "network",
            "--", "--verbose", "serve");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var create = Assert.Single(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/servers");
        using var body = JsonDocument.Parse(create.Body);
        var root = body.RootElement;
        Assert.Equal("ghcr.io/example/server:1", root.GetProperty("image").GetString());
        Assert.Equal("fetch", root.GetProperty("name").GetString());
        Assert.Equal("sse", root.GetProperty("transport").GetString());
        Assert.Equal(8000, root.GetProperty("target_port").GetInt32());
        Assert.Equal(0, root.GetProperty("proxy_port").GetInt32());
        Assert.Equal(["A=1", "B=x=y"], root.GetProperty("env_vars").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("gh", root.GetProperty("secrets")[0].GetProperty("name").GetString());
        Assert.Equal("GITHUB_TOKEN", root.GetProperty("secrets")[0].GetProperty("target").GetString());
        Assert.Equal(["/tmp:/data:ro"], root.GetProperty("volumes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("network", root.GetProperty("permission_profile").GetString());
        Assert.Equal(["--verbose", "serve"], root.GetProperty("cmd_arguments").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Run_PolicyAndProfileFiles_SendTheirContentInlineNotThePath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);
        using var directory = new Toolshed.Testing.TemporaryDirectory("toolshed-cli-files");
        var policy = directory.Combine("authz.yaml");
        var jsonPolicy = directory.Combine("authz.json");
        var profile = directory.Combine("profile.json");
        await File.WriteAllTextAsync(policy, "version: \"1.0\"\ntype: cedarv1\ncedar:\n  policies: [\"permit(principal, action, resource);\"]\n", ct);
        await File.WriteAllTextAsync(jsonPolicy, """{"type":"cedarv1","cedar":{"policies":["permit(principal, action, resource);"]}}""", ct);
        await File.WriteAllTextAsync(profile, """{"network":{"outbound":{"insecure_allow_all":true}}}""", ct);

        await CliRun.RunAsync(daemon.Url, "run", "fetch", "--authz-config", policy, "--permission-profile", profile, "-v", "/var/run/docker.sock:/sock", "--allow-sensitive-mount");
        await CliRun.RunAsync(daemon.Url, "run", "fetch", "--authz-config", jsonPolicy);

        var creates = daemon.Requests.Where(r => r.PathAndQuery == "/api/v1beta/servers").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.StartsWith("version: \"1.0\"\ntype: cedarv1", creates[0].GetProperty("authz_config").GetString(), StringComparison.Ordinal);
        Assert.True(creates[0].GetProperty("permission_profile").GetProperty("network").GetProperty("outbound").GetProperty("insecure_allow_all").GetBoolean());
        Assert.True(creates[0].GetProperty("allow_sensitive_mounts").GetBoolean());
        Assert.Equal("cedarv1", creates[1].GetProperty("authz_config").GetProperty("type").GetString());
        Assert.False(creates[1].TryGetProperty("allow_sensitive_mounts", out _));
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/tmp")]
    public async Task Run_PolicyFileNotARegularFile_IsAUsageErrorAndNothingIsSent(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--authz-config", path);

        Assert.Equal(ShedApp.ExitUsage, run.ExitCode);
        Assert.Contains("only a regular file of at most 1 MiB", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/servers");
    }

    [Fact]
    public async Task Run_NoOptions_LeavesUnsetFieldsOut()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        await CliRun.RunAsync(daemon.Url, "run", "fetch");

        var create = Assert.Single(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/servers");
        Assert.Equal("""{"image":"fetch"}""", create.Body);
    }

    [Fact]
    public async Task Run_FormatJson_PrintsUrlsAndConfig()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("fetch", json.RootElement.GetProperty("name").GetString());
        Assert.Equal($"http://127.0.0.1:{daemon.Port}/sse", json.RootElement.GetProperty("sse_url").GetString());
        Assert.True(json.RootElement.GetProperty("client_config").GetProperty("mcpServers").TryGetProperty("fetch", out _));
    }

    [Fact]
    public async Task Run_ServerNeverAnswersMcp_FailsPointingAtLogs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(503, ct);

        var run = await CliRun.RunAsync(daemon.Url, null, TimeSpan.FromSeconds(1), "run", "fetch");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("shed logs fetch", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Run_NameTaken_ShowsTheConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapPost("/api/v1beta/servers", () =>
            FakeDaemon.Problem(409, "A server named 'fetch' already exists.", "Pick another name, or remove it first with `shed rm fetch`.")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Equal("shed: A server named 'fetch' already exists. Pick another name, or remove it first with `shed rm fetch`.", run.Error.Trim());
    }

    [Fact]
    public async Task Run_ServerExitsBeforeAnswering_FailsWithTheExitCodeAndItsStderr()
    {
        var ct = TestContext.Current.CancellationToken;
        // The proxy answers "not running" (HTTP 200, JSON-RPC error -32000); the second poll sees the restart.
        await using var daemon = await StartDaemonAsync(
            _ => FakeDaemon.Json("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"the MCP server is not running"}}"""),
            (poll, port) => poll < 2 ? FakeServerDetails.Json("fetch", port) : FakeServerDetails.Json("fetch", port, restarts: 1, lastExitCode: 2),
            ct,
            logs: "usage: server [--port N]\nerror: unknown argument 'bogus'\n");

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--", "bogus");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.DoesNotContain("is running", run.Out, StringComparison.Ordinal);
        Assert.Contains("exited before answering initialize (exit code 2)", run.Error, StringComparison.Ordinal);
        Assert.Contains("| error: unknown argument 'bogus'", run.Error, StringComparison.Ordinal);
        Assert.Contains("`shed rm fetch`", run.Error, StringComparison.Ordinal);
        Assert.Contains(daemon.Requests, r => r.PathAndQuery.StartsWith("/api/v1beta/servers/fetch/logs?tail=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ServerAnswersInitializeWithAnError_FailsAtOnceWithTheError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(
            _ => FakeDaemon.Json("""{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"unsupported protocol version"}}"""),
            (_, port) => FakeServerDetails.Json("fetch", port), ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("answered initialize with an error: unsupported protocol version (JSON-RPC error -32602)", run.Error, StringComparison.Ordinal);
        Assert.Single(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/mcp");
    }

    [Fact]
    public async Task Run_InitializeAnsweredOnAnEventStream_IsReady()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(
            _ => Results.Text($"event: message\ndata: {{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}}\n\nevent: message\ndata: {InitializeResult}\n\n", "text/event-stream"),
            (_, port) => FakeServerDetails.Json("fetch", port), ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains("'fetch' is running.", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--nmae", "Did you mean '--name'?")]
    [InlineData("--prot", "'--proxy-port' or '--target-port'?")]
    [InlineData("--secrte", "Did you mean '--secret'?")]
    [InlineData("--bogus-flag", "Arguments for the server go after `--`")]
    public async Task Run_UnknownOptionBeforeDoubleDash_IsAUsageErrorAndNothingIsCreated(string option, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "steer/everything:1", option, "x");

        Assert.Equal(ShedApp.ExitUsage, run.ExitCode);
        Assert.Contains($"'{option}' is not an option of `shed run`.", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(daemon.Requests);
    }

    [Fact]
    public async Task Run_OptionLikeWordsAfterDoubleDash_GoToTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(200, ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "steer/everything:1", "--name", "x", "--", "--nmae", "-v", "plain");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var create = Assert.Single(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/servers");
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(["--nmae", "-v", "plain"], body.RootElement.GetProperty("cmd_arguments").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Run_RegistryServerAtATerminal_AsksForItsRequiredSecretAndStoresATypedValueUnechoed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, daemon) =>
        {
            app.MapGet("/api/v1beta/registry/default/servers/github", () => FakeDaemon.Json("""
                {"server":{"name":"github","image":"ghcr.io/github/github-mcp-server","transport":"stdio",
                 "env_vars":[{"name":"GITHUB_TOKEN","description":"a token","required":true,"secret":true},
                             {"name":"OTHER_SECRET","required":true,"secret":true},
                             {"name":"OPTIONAL","required":false,"secret":true}]}}
                """));
            app.MapPut("/api/v1beta/secrets/{name}", () => Results.NoContent());
            app.MapPost("/api/v1beta/servers", () => FakeDaemon.Problem(400, "stop here"));
        }, ct);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput("\ntyped-value\nstored-one\n", Interactive: true), "run", "github");

        var stored = Assert.Single(daemon.Requests, r => r.Method == "PUT");
        Assert.Equal("/api/v1beta/secrets/github-github_token", stored.PathAndQuery);
        Assert.Contains("typed-value", stored.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("typed-value", run.Error + run.Out, StringComparison.Ordinal);
        var create = Assert.Single(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/api/v1beta/servers");
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal(
            ["github-github_token>GITHUB_TOKEN", "stored-one>OTHER_SECRET"],
            body.RootElement.GetProperty("secrets").EnumerateArray().Select(x => $"{x.GetProperty("name").GetString()}>{x.GetProperty("target").GetString()}"));
    }

    [Fact]
    public async Task Run_RegistryServerWithoutATerminal_AsksNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) =>
            app.MapPost("/api/v1beta/servers", () => FakeDaemon.Problem(400, "github needs these environment variables: GITHUB_TOKEN")), ct);

        var run = await CliRun.RunAsync(daemon.Url, new CliInput("", Interactive: false), "run", "github");

        // The entry is looked up once (is it a remote server?), and nothing is asked.
        Assert.Single(daemon.Requests, r => r.PathAndQuery.StartsWith("/api/v1beta/registry", StringComparison.Ordinal));
        Assert.DoesNotContain("Name of a stored secret", run.Error, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN", run.Error, StringComparison.Ordinal);
    }
}
