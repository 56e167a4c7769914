using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class RunGroupTests
{
    private const string InitializeResult = """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"fake","version":"1"}}}""";

    /// <summary>A daemon that creates 'fetch' (its proxy is the daemon itself) and knows the group 'dev'.</summary>
    private static Task<FakeDaemon> StartDaemonAsync(CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, daemon) =>
        {
            app.MapGet("/api/v1beta/groups/dev", () => FakeDaemon.Json(FakeGroups.Details("prefix", "[]", "[]")));
            app.MapGet("/api/v1beta/groups/{name}", (string name) => FakeDaemon.Problem(404, $"No group named '{name}'.", "See the groups with `shed group list`."));
            app.MapPost("/api/v1beta/servers", () => FakeDaemon.Json($$"""{"name":"fetch","port":{{daemon.Port}}}""", StatusCodes.Status201Created));
            app.MapGet("/api/v1beta/servers/fetch", () => FakeDaemon.Json(FakeServerDetails.Json("fetch", daemon.Port)));
            app.MapPost("/mcp", (HttpContext context) =>
            {
                context.Response.Headers["Mcp-Session-Id"] = "session-1";
                return FakeDaemon.Json(InitializeResult);
            });
            app.MapDelete("/mcp", () => Results.NoContent());
        }, cancellationToken);

    [Fact]
    public async Task Run_Group_SendsItInTheCreateBodyAndPrintsTheGroupsUrl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--group", "dev");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var create = Assert.Single(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/api/v1beta/servers");
        Assert.Equal("""{"image":"fetch","group":"dev"}""", create.Body);
        Assert.Contains("It joined group 'dev': http://127.0.0.1:41234/mcp serves it with the group's other members.", run.Out, StringComparison.Ordinal);
        Assert.Single(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/groups/dev");
    }

    [Fact]
    public async Task Run_UnknownGroup_FailsBeforeLookingUpPullingOrCreatingAnything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--group", "nope");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Equal("shed: No group named 'nope'. See the groups with `shed group list`.", run.Error.Trim());
        Assert.Equal(["/health", "/api/v1beta/groups/nope"], daemon.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Run_GroupFormatJson_NamesTheGroupAndItsUrl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--group", "dev", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("dev", json.RootElement.GetProperty("group").GetString());
        Assert.Equal("http://127.0.0.1:41234/mcp", json.RootElement.GetProperty("group_url").GetString());
    }

    [Fact]
    public async Task Run_NoGroup_LeavesGroupOutOfTheJson()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartDaemonAsync(ct);

        var run = await CliRun.RunAsync(daemon.Url, "run", "fetch", "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.TryGetProperty("group", out _));
        Assert.DoesNotContain(daemon.Requests, r => r.PathAndQuery.StartsWith("/api/v1beta/groups", StringComparison.Ordinal));
    }
}
