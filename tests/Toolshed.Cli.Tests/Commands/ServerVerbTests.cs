using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class ServerVerbTests
{
    private const string TwoServers = """
        {"servers":[
          {"created":"2025-01-01T00:00:00Z","id":"0123456789ab","image":"mcp/fetch:latest","labels":{"toolshed":"true","toolshed.name":"fetch","toolshed.transport":"stdio","toolshed.port":"41001"},
           "name":"fetch","ports":[],"state":"running","status":"Up 5 minutes","url":"http://127.0.0.1:41001/mcp","sse_url":"http://127.0.0.1:41001/sse","transport":"stdio"},
          {"created":"2025-01-01T00:00:00Z","id":"ba9876543210","image":"ghcr.io/example/github-mcp-server:1.2","labels":{"toolshed.transport":"streamable-http"},
           "name":"github","ports":[{"containerPort":8080,"hostPort":41002,"protocol":"tcp"}],"state":"exited","status":"Exited (0) 1 minute ago","url":"http://127.0.0.1:41002/mcp","sse_url":"http://127.0.0.1:41002/sse","transport":"streamable-http"}
        ]}
        """;

    [Fact]
    public async Task List_TwoServers_PrintsAlignedTable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapGet("/api/v1beta/servers", () => FakeDaemon.Json(TwoServers)), ct);

        var run = await CliRun.RunAsync(daemon.Url, "list", "--all");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var lines = run.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^NAME\s+IMAGE\s+STATE\s+TRANSPORT\s+URL\s+STATUS$", lines[0]);
        Assert.Matches(@"^fetch\s+mcp/fetch:latest\s+running\s+stdio\s+http://127\.0\.0\.1:41001/mcp\s+Up 5 minutes$", lines[1]);
        Assert.Contains("http://127.0.0.1:41002/mcp", lines[2], StringComparison.Ordinal);
        var column = lines[0].IndexOf("STATE", StringComparison.Ordinal);
        Assert.Equal("running", lines[1].Substring(column, "running".Length));
        Assert.Equal("exited", lines[2].Substring(column, "exited".Length));
        Assert.Contains(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/servers?all=true");
    }

    [Fact]
    public async Task List_FormatJson_PrintsTheServersAsJson()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapGet("/api/v1beta/servers", () => FakeDaemon.Json(TwoServers)), ct);

        var run = await CliRun.RunAsync(daemon.Url, "list", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("fetch", json.RootElement[0].GetProperty("name").GetString());
        Assert.Equal(41002, json.RootElement[1].GetProperty("ports")[0].GetProperty("hostPort").GetInt32());
    }

    [Fact]
    public async Task List_NoServers_SaysHowToStartOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapGet("/api/v1beta/servers", () => FakeDaemon.Json("""{"servers":[]}""")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "list");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains("shed run", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_UnknownServer_PrintsDetailAndHintAndExits1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapPost("/api/v1beta/servers/{name}/stop", (string name) =>
            FakeDaemon.Problem(404, $"No server named '{name}'.", "See the names with `shed list --all`.")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "stop", "nope");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Equal("shed: No server named 'nope'. See the names with `shed list --all`.", run.Error.Trim());
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("stop", "POST", "/api/v1beta/servers/fetch/stop", "Stopped 'fetch'.")]
    [InlineData("rm", "DELETE", "/api/v1beta/servers/fetch", "Removed 'fetch'.")]
    public async Task Lifecycle_KnownServer_CallsTheEndpointAndConfirms(string verb, string method, string path, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) =>
        {
            app.MapPost("/api/v1beta/servers/{name}/{action}", () => Results.NoContent());
            app.MapDelete("/api/v1beta/servers/{name}", () => Results.NoContent());
        }, ct);

        var run = await CliRun.RunAsync(daemon.Url, verb, "fetch");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Equal(expected, run.Out.Trim());
        Assert.Contains(daemon.Requests, r => r.Method == method && r.PathAndQuery == path);
    }

    [Fact]
    public async Task Remove_Force_SendsForceTrue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapDelete("/api/v1beta/servers/{name}", () => Results.NoContent()), ct);

        var run = await CliRun.RunAsync(daemon.Url, "rm", "fetch", "--force");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains(daemon.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/api/v1beta/servers/fetch?force=true");
    }

    [Fact]
    public async Task List_DaemonAnswers500WithoutProblem_SaysToReadTheLog()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await FakeDaemon.StartAsync((app, _) => app.MapGet("/api/v1beta/servers", () => Results.StatusCode(500)), ct);

        var run = await CliRun.RunAsync(daemon.Url, "list");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("answered 500", run.Error, StringComparison.Ordinal);
        Assert.Contains("log", run.Error, StringComparison.Ordinal);
    }
}
