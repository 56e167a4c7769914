using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class GroupVerbTests
{
    private static Task<FakeDaemon> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, _) => map(app), cancellationToken);

    [Fact]
    public async Task Create_MembersAndNaming_SendsThemAndPrintsTheGroupUrlAndMembers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPost("/api/v1beta/groups", () => FakeDaemon.Json(FakeGroups.Summary(), StatusCodes.Status201Created)), ct);

        var run = await CliRun.RunAsync(
            daemon.Url, "group", "create", "dev", "--member", "fetch", "-m", "github.v2", "--conflicts", "priority",
            "--rename", "github.v2/search=gh_search", "--rename", "fetch/fetch.v1=get", "--port", "41234");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var create = Assert.Single(daemon.Requests, r => r.Method == "POST" && r.PathAndQuery == "/api/v1beta/groups");
        Assert.Equal(
            """{"name":"dev","members":["fetch","github.v2"],"conflicts":"priority","renames":[{"member":"github.v2","name":"search","as":"gh_search"},{"member":"fetch","name":"fetch.v1","as":"get"}],"port":41234}""",
            create.Body);
        Assert.Contains("Created group 'dev'. Give MCP clients its one URL:", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Streamable HTTP: http://127\.0\.0\.1:41234/mcp", run.Out);
        Assert.Matches(@"(?m)^  fetch\s+running\s+http://127\.0\.0\.1:41001/mcp$", run.Out);
        Assert.Matches(@"(?m)^  github\.v2\s+stopped$", run.Out);
        Assert.Contains("github.v2/search -> gh_search", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NameOnly_SendsOnlyTheNameAndSaysHowToAddMembers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPost("/api/v1beta/groups", () =>
            FakeDaemon.Json(FakeGroups.Summary(members: "[]", renames: "[]"), StatusCodes.Status201Created)), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "create", "dev");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Equal("""{"name":"dev"}""", Assert.Single(daemon.Requests, r => r.Method == "POST").Body);
        Assert.Contains("`shed group add dev WORKLOAD`", run.Out, StringComparison.Ordinal);
        Assert.Contains("`shed run SERVER --group dev`", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NameTaken_ShowsTheDaemonsConflictAndExits1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPost("/api/v1beta/groups", () =>
            FakeDaemon.Problem(409, "A group named 'dev' already exists.", "Pick another name, or remove it with `shed group rm dev`.")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "create", "dev");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Equal("shed: A group named 'dev' already exists. Pick another name, or remove it with `shed group rm dev`.", run.Error.Trim());
    }

    [Fact]
    public async Task Create_FormatJson_PrintsTheGroupInSnakeCase()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPost("/api/v1beta/groups", () => FakeDaemon.Json(FakeGroups.Summary(), StatusCodes.Status201Created)), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "create", "dev", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("http://127.0.0.1:41234/sse", json.RootElement.GetProperty("sse_url").GetString());
        Assert.Equal("gh_search", json.RootElement.GetProperty("renames")[0].GetProperty("as").GetString());
    }

    [Fact]
    public async Task List_TwoGroups_PrintsUrlRunningOfTotalAndConflicts()
    {
        var ct = TestContext.Current.CancellationToken;
        var groups = $$"""{"groups":[{{FakeGroups.Summary("web", "manual", renames: "[]", port: 0)}},{{FakeGroups.Summary()}}]}""";
        await using var daemon = await StartAsync(app => app.MapGet("/api/v1beta/groups", () => FakeDaemon.Json(groups)), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "list");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var lines = run.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^NAME\s+URL\s+MEMBERS\s+CONFLICTS$", lines[0]);
        Assert.Matches(@"^dev\s+http://127\.0\.0\.1:41234/mcp\s+1/2\s+prefix$", lines[1]);
        Assert.Matches(@"^web\s+\(not listening\)\s+1/2\s+manual$", lines[2]);
    }

    [Fact]
    public async Task List_None_SaysHowToCreateOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapGet("/api/v1beta/groups", () => FakeDaemon.Json("""{"groups":[]}""")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "ls");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains("shed group create NAME --member WORKLOAD", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FormatJson_PrintsAnArrayOfGroups()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapGet("/api/v1beta/groups", () => FakeDaemon.Json($$"""{"groups":[{{FakeGroups.Summary()}}]}""")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "list", "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("dev", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rm_Group_DeletesItAndSaysTheMembersKeepRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapDelete("/api/v1beta/groups/{name}", () => Results.NoContent()), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "rm", "dev");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains(daemon.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/api/v1beta/groups/dev");
        Assert.Contains("Removed group 'dev'. Its members keep running", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Workload_PostsItsNameAndPrintsTheGroup()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPost("/api/v1beta/groups/{name}/members", () => FakeDaemon.Json(FakeGroups.Summary())), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "add", "dev", "github.v2");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var add = Assert.Single(daemon.Requests, r => r.Method == "POST");
        Assert.Equal("/api/v1beta/groups/dev/members", add.PathAndQuery);
        Assert.Equal("""{"name":"github.v2"}""", add.Body);
        Assert.StartsWith("Added 'github.v2' to group 'dev'.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_Member_DeletesItFromTheGroupAndSaysItKeepsRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapDelete("/api/v1beta/groups/{name}/members/{member}", () =>
            FakeDaemon.Json(FakeGroups.Summary(members: """[{"name":"fetch","state":"running","url":"http://127.0.0.1:41001/mcp"}]"""))), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "remove", "dev", "github.v2");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains(daemon.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/api/v1beta/groups/dev/members/github.v2");
        Assert.Contains("the workload itself keeps running", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_UnknownGroup_ShowsTheDaemonsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPost("/api/v1beta/groups/{name}/members", (string name) =>
            FakeDaemon.Problem(404, $"No group named '{name}'.", "See the groups with `shed group list`.")), ct);

        var run = await CliRun.RunAsync(daemon.Url, "group", "add", "nope", "fetch");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Equal("shed: No group named 'nope'. See the groups with `shed group list`.", run.Error.Trim());
    }

    [Theory]
    [InlineData("--conflicts manual", """{"conflicts":"manual"}""")]
    [InlineData("--rename fetch/fetch=get --rename a.b/x=y", """{"renames":[{"member":"fetch","name":"fetch","as":"get"},{"member":"a.b","name":"x","as":"y"}]}""")]
    [InlineData("--no-renames", """{"renames":[]}""")]
    [InlineData("--conflicts prefix --no-renames", """{"conflicts":"prefix","renames":[]}""")]
    public async Task Set_Options_PutOnlyWhatChanges(string options, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(app => app.MapPut("/api/v1beta/groups/{name}", () => FakeDaemon.Json(FakeGroups.Summary())), ct);

        var run = await CliRun.RunAsync(daemon.Url, ["group", "set", "dev", .. options.Split(' ')]);

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var put = Assert.Single(daemon.Requests, r => r.Method == "PUT");
        Assert.Equal("/api/v1beta/groups/dev", put.PathAndQuery);
        Assert.Equal(expected, put.Body);
        Assert.StartsWith("Updated group 'dev'.", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("group set dev", "Nothing to change")]
    [InlineData("group set dev --rename a/b=c --no-renames", "--rename and --no-renames contradict each other")]
    [InlineData("group set dev --rename search=gh_search", "--rename 'search=gh_search' must be MEMBER/NAME=NEW")]
    [InlineData("group create dev --rename /search=x", "must be MEMBER/NAME=NEW")]
    [InlineData("group create dev --rename a/=x", "must be MEMBER/NAME=NEW")]
    [InlineData("group create dev --rename a/x=", "must be MEMBER/NAME=NEW")]
    [InlineData("group create dev --rename a/x", "must be MEMBER/NAME=NEW")]
    [InlineData("group create dev --rename a/x=has/slash", "NAME and NEW in MEMBER/NAME=NEW are tool or prompt names")]
    [InlineData("group create dev --conflicts first", "--conflicts 'first' is not one of prefix, priority, manual")]
    [InlineData("group set dev --conflicts Prefix", "--conflicts 'Prefix' is not one of prefix, priority, manual")]
    [InlineData("group create dev --port 70000", "--port must be between 0 and 65535")]
    public async Task Group_BadOptions_AreUsageErrorsAndNothingIsSent(string commandLine, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var daemon = await StartAsync(_ => { }, ct);

        var run = await CliRun.RunAsync(daemon.Url, commandLine.Split(' '));

        Assert.Equal(ShedApp.ExitUsage, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(daemon.Requests);
    }
}
