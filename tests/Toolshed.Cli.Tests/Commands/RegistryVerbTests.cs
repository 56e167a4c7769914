using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

public sealed class RegistryVerbTests
{
    private const string Fetch = """
        {"name":"fetch","description":"Fetches a URL and returns it as markdown","image":"mcp/fetch:latest","transport":"stdio",
         "args":[],"env_vars":[],"tools":["fetch"],"tags":["web","http"],"repository_url":"https://example.invalid/fetch",
         "permissions":{"network":{"outbound":{"insecure_allow_all":true}}},"metadata":{"stars":10,"pulls":20,"last_updated":"2025-01-01"}}
        """;

    private const string GitHub = """
        {"name":"github","description":"Issues, pull requests and code search on GitHub","image":"ghcr.io/example/github:1","transport":"streamable-http",
         "target_port":8080,"env_vars":[{"name":"GITHUB_TOKEN","description":"Token","required":true,"secret":true}],
         "tools":["create_issue","search_code"],"tags":["git"]}
        """;

    private static Task<FakeDaemon> StartDaemonAsync(CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, _) =>
        {
            app.MapGet("/api/v1beta/registry", () => FakeDaemon.Json("""
                {"registries":[{"name":"default","version":"1.0.0","last_updated":"2025-01-01T00:00:00Z","server_count":1},
                               {"name":"team","version":"0.3","last_updated":"2025-02-01T00:00:00Z","server_count":1}]}
                """));
            app.MapGet("/api/v1beta/registry/default", () => FakeDaemon.Json($$$"""
                {"last_updated":"2025-01-01T00:00:00Z","name":"default","server_count":1,"version":"1.0.0",
                 "registry":{"last_updated":"2025-01-01T00:00:00Z","version":"1.0.0","servers":{"fetch":{{{Fetch}}}}} }
                """));
            app.MapGet("/api/v1beta/registry/nope", () => FakeDaemon.Problem(404, "No registry named 'nope'.", "See the registries with `shed registry list`."));
            app.MapGet("/api/v1beta/registry/default/servers", () => FakeDaemon.Json($$"""{"servers":[{{Fetch}}]}"""));
            app.MapGet("/api/v1beta/registry/team/servers", () => FakeDaemon.Json($$"""{"servers":[{{GitHub}}]}"""));
            app.MapGet("/api/v1beta/registry/team/servers/github", () => FakeDaemon.Json($$"""{"server":{{GitHub}}}"""));
            app.MapGet("/api/v1beta/registry/-/search", (string q) => FakeDaemon.Json(q == "zzzz"
                ? """{"results":[],"skipped":[]}"""
                : $$"""{"results":[{"registry":"team","server":{{GitHub}}},{"registry":"default","server":{{Fetch}}}],"skipped":[]}"""));
            app.MapPost("/api/v1beta/registry", () => Results.StatusCode(StatusCodes.Status201Created));
            app.MapDelete("/api/v1beta/registry/{name}", () => Results.NoContent());
        }, cancellationToken);

    [Fact]
    public async Task RegistryList_TwoRegistries_PrintsTable()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "list");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var lines = run.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches(@"^NAME\s+VERSION\s+SERVERS\s+LAST UPDATED$", lines[0]);
        Assert.Matches(@"^default\s+1\.0\.0\s+1\s+2025-01-01T00:00:00Z$", lines[1]);
        Assert.StartsWith("team ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryInfo_Registry_PrintsSummaryAndServers()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "default");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains("Registry:     default", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^fetch\s+stdio\s+Fetches a URL", run.Out);
    }

    [Fact]
    public async Task RegistryInfo_Server_ShowsItsEnvironmentVariables()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "team/github");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains("Transport:   streamable-http", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^GITHUB_TOKEN\s+yes\s+yes\s+Token$", run.Out);
    }

    [Fact]
    public async Task RegistryInfo_UnknownName_SaysNeitherRegistryNorServerAndExits1()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "nope");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Equal("shed: No registry or server is named 'nope'. See the registries with `shed registry list`, or search with `shed search WORD`.", run.Error.Trim());
    }

    [Fact]
    public async Task RegistryAdd_RelativePath_SendsAbsolutePath()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "add", "team", "registry.json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var add = Assert.Single(daemon.Requests, r => r.Method == "POST");
        using var body = JsonDocument.Parse(add.Body);
        Assert.Equal("team", body.RootElement.GetProperty("name").GetString());
        Assert.Equal(Path.GetFullPath("registry.json"), body.RootElement.GetProperty("path").GetString());
        Assert.False(body.RootElement.TryGetProperty("url", out _));
    }

    [Fact]
    public async Task RegistryAdd_Url_SendsUrl()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "add", "team", "https://example.invalid/registry.json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        var add = Assert.Single(daemon.Requests, r => r.Method == "POST");
        Assert.Equal("""{"name":"team","url":"https://example.invalid/registry.json"}""", add.Body);
    }

    [Fact]
    public async Task RegistryRemove_Known_DeletesIt()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "remove", "team");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains(daemon.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/api/v1beta/registry/team");
    }

    [Fact]
    public async Task Search_Query_AsksTheDaemonAndPrintsItsHitsInItsOrder()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "search", "git hub");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains(daemon.Requests, r => r.PathAndQuery == "/api/v1beta/registry/-/search?q=git%20hub&limit=500");
        var lines = run.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches(@"^NAME\s+REGISTRY\s+TRANSPORT\s+DESCRIPTION$", lines[0]);
        Assert.StartsWith("github ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("fetch ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FormatJson_NamesTheRegistryOfEachHit()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "search", "e", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(
            ["team/github", "default/fetch"],
            json.RootElement.EnumerateArray().Select(h => $"{h.GetProperty("registry").GetString()}/{h.GetProperty("server").GetProperty("name").GetString()}"));
    }

    [Fact]
    public async Task Search_NoMatch_SaysSo()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "search", "zzzz");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Contains("No server matches 'zzzz'", run.Out, StringComparison.Ordinal);
    }
}
