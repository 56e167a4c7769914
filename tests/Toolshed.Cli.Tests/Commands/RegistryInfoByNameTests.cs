using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

/// <summary>`shed registry info SERVER`: a server found by its name in whichever registry holds it.</summary>
public sealed class RegistryInfoByNameTests
{
    private const string Fetch = """{"name":"fetch","description":"Fetches a URL","image":"mcp/fetch:latest","transport":"stdio","tools":["fetch"],"tags":["web"]}""";
    private const string MirrorFetch = """{"name":"fetch","description":"A mirrored fetch","image":"mirror/fetch:2","transport":"stdio"}""";
    private const string Notes = """{"name":"notes","description":"Notes","image":"team/notes:1","transport":"sse","target_port":9000}""";

    private static Task<FakeDaemon> StartDaemonAsync(CancellationToken cancellationToken) =>
        FakeDaemon.StartAsync((app, _) =>
        {
            app.MapGet("/api/v1beta/registry", () => FakeDaemon.Json("""
                {"registries":[{"name":"default","version":"1","last_updated":"x","server_count":1},
                               {"name":"mirror","version":"1","last_updated":"x","server_count":2},
                               {"name":"gone","version":"1","last_updated":"x","server_count":0}]}
                """));
            app.MapGet("/api/v1beta/registry/default/servers", () => FakeDaemon.Json($$"""{"servers":[{{Fetch}}]}"""));
            app.MapGet("/api/v1beta/registry/mirror/servers", () => FakeDaemon.Json($$"""{"servers":[{{MirrorFetch}},{{Notes}}]}"""));
            app.MapGet("/api/v1beta/registry/gone/servers", () => FakeDaemon.Problem(404, "The registry 'gone' could not be loaded from /tmp/gone.json: not found."));
            app.MapGet("/api/v1beta/registry/-/search", () => FakeDaemon.Json($$"""
                {"results":[{"registry":"mirror","server":{{Notes}}}],
                 "skipped":[{"registry":"gone","error":"could not be loaded from /tmp/gone.json: not found."}]}
                """));
        }, cancellationToken);

    [Fact]
    public async Task RegistryInfo_ServerOfAnAddedRegistry_ShowsItAndHowToRunIt()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "notes");

        Assert.True(run.ExitCode == ShedApp.ExitOk, run.Error);
        Assert.Contains("Registry:    mirror", run.Out, StringComparison.Ordinal);
        Assert.Contains("Target port: 9000", run.Out, StringComparison.Ordinal);
        Assert.Contains("Run it:      shed run mirror/notes", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryInfo_NameInTwoRegistries_ListsBothAndExits1()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "fetch");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("default/fetch, mirror/fetch", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task RegistryInfo_RegistrySlashServer_StillPicksThatOne()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "mirror/fetch", "--format", "json");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("mirror/fetch:2", json.RootElement.GetProperty("server").GetProperty("image").GetString());
    }

    [Fact]
    public async Task RegistryInfo_Typo_SuggestsTheServer()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "ntoes");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("Did you mean notes?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryInfo_ServerOfUnreadableRegistry_SaysWhyItCannotBeRead()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "registry", "info", "gone/anything");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("could not be loaded from /tmp/gone.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_OneRegistryUnreadable_StillSearchesTheOthers()
    {
        await using var daemon = await StartDaemonAsync(TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(daemon.Url, "search", "notes");

        Assert.Equal(ShedApp.ExitOk, run.ExitCode);
        Assert.Matches(@"(?m)^notes\s+mirror\s+sse", run.Out);
        Assert.Contains("skipped the registry 'gone'", run.Error, StringComparison.Ordinal);
    }
}
