using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class GroupInspectTests
{
    private const string PrefixedTools = """
        [{"name":"fetch","member":"fetch","member_name":"fetch"},{"name":"gh_search","member":"github.v2","member_name":"search"},
         {"name":"fetch_summarize","member":"fetch","member_name":"summarize"},{"name":"github.v2_summarize","member":"github.v2","member_name":"summarize"}]
        """;

    private const string SummarizeCollides = """[{"name":"summarize","members":["fetch","github.v2"],"resolution":"{0}"}]""";

    private static async Task<CliRun> InspectAsync(string details, params string[] options)
    {
        await using var daemon = await FakeDaemon.StartAsync(
            (app, _) => app.MapGet("/api/v1beta/groups/dev", () => FakeDaemon.Json(details)), TestContext.Current.CancellationToken);
        return await CliRun.RunAsync(daemon.Url, ["group", "inspect", "dev", .. options]);
    }

    [Fact]
    public async Task Inspect_Prefixed_ShowsUrlMembersToolsWithRenamesMarkedAndSessions()
    {
        var run = await InspectAsync(FakeGroups.Details("prefix", PrefixedTools, SummarizeCollides.Replace("{0}", "prefixed", StringComparison.Ordinal)));

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Matches(@"(?m)^Streamable HTTP: http://127\.0\.0\.1:41234/mcp$", run.Out);
        Assert.Matches(@"(?m)^Sessions:\s+2 with clients, 4 with members$", run.Out);
        Assert.Contains("Members (2/3 running):", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  gone\s+missing$", run.Out);
        Assert.Contains("'gone' was removed; take it out with `shed group remove dev gone`", run.Out, StringComparison.Ordinal);
        Assert.Contains("Tools (4):", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  NAME\s+MEMBER\s+MEMBER NAME$", run.Out);
        Assert.Matches(@"(?m)^  gh_search\*\s+github\.v2\s+search$", run.Out);
        Assert.Matches(@"(?m)^  fetch_summarize\s+fetch\s+summarize$", run.Out);
        Assert.Contains("* renamed by the group", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  review\s+github\.v2\s+review$", run.Out);
        Assert.Matches(@"(?m)^  summarize\s+fetch, github\.v2\s+prefixed$", run.Out);
        Assert.DoesNotContain("UNRESOLVED", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Unavailable", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_Unresolved_HighlightsItAndPrintsTheCommandsThatSettleIt()
    {
        var run = await InspectAsync(FakeGroups.Details("manual", "[]", SummarizeCollides.Replace("{0}", "unresolved", StringComparison.Ordinal)));

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Matches(@"(?m)^  summarize\s+fetch, github\.v2\s+UNRESOLVED$", run.Out);
        Assert.Contains("1 name is UNRESOLVED", run.Out, StringComparison.Ordinal);
        Assert.Contains(
            "  shed group set dev --rename github.v2/search=gh_search --rename github.v2/summarize=github.v2_summarize\n",
            run.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("`shed group set dev --conflicts prefix`", run.Out, StringComparison.Ordinal);
        Assert.Contains("Tools: none", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_UnavailableMember_ShowsTheReasonAndWhereToLook()
    {
        var run = await InspectAsync(FakeGroups.Details("prefix", PrefixedTools, "[]", unavailable: """{"fetch":"it did not answer tools/list within 10 s"}"""));

        Assert.Contains("Unavailable (running, but could not be listed", run.Out, StringComparison.Ordinal);
        Assert.Contains("  fetch: it did not answer tools/list within 10 s (see `shed logs fetch`)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Name conflicts: none", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_FormatJson_PrintsTheDetailsInSnakeCase()
    {
        var run = await InspectAsync(FakeGroups.Details("prefix", PrefixedTools, "[]"), "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(4, json.RootElement.GetProperty("member_sessions").GetInt32());
        Assert.Equal("search", json.RootElement.GetProperty("tools")[1].GetProperty("member_name").GetString());
        Assert.All(JsonKeys.Of(json.RootElement), key => Assert.Matches("^[a-z0-9_.]+$", key));
    }
}
