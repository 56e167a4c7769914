using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Images;

/// <summary>
/// Pull progress for real: an image only a loopback registry has, pulled by the real engine through the daemon's
/// NDJSON endpoint and through `shed run` as its own process (the built shed.dll, which ./shed runs).
/// </summary>
public sealed partial class PullProgressTests(PullRegistryFixture fixture) : IClassFixture<PullRegistryFixture>
{
    private static readonly string[] s_wireNames = ["layer", "status", "current", "total", "image", "pulled", "error"];

    [Fact]
    public async Task PullImage_ImageOnlyInRegistry_StreamsLayerProgressThenDone()
    {
        Assert.True(await LoopbackRegistry.RemoveLocalAsync(fixture.Image));
        try
        {
            var answer = await PullStreamReader.PullAsync(fixture.Daemon.Client, fixture.Image);

            Assert.True(answer.Response.StatusCode == HttpStatusCode.OK, answer.Body);
            Assert.Equal("application/x-ndjson", answer.Response.Content.Headers.ContentType?.MediaType);
            Assert.All(answer.Lines, line => Assert.All(line.EnumerateObject(), p => Assert.Contains(p.Name, s_wireNames)));
            // The base layers are the local test image's: the engine says so instead of downloading them.
            Assert.Contains(answer.Lines, line => line.Text("status") == "Already exists" && line.Text("layer") is not null);
            var downloading = Assert.Single(answer.Lines
                .Where(line => line.Text("status") == "Downloading" && line.GetProperty("total").GetInt64() > 8_000_000)
                .Select(line => line.Text("layer"))
                .Distinct());
            Assert.Matches(ShortLayerId(), downloading);
            Assert.Contains(answer.Lines, line => line.Text("layer") == downloading && line.Text("status") == "Pull complete");
            Assert.All(answer.Lines.Where(line => line.Text("status") == "Downloading"),
                line => Assert.InRange(line.GetProperty("current").GetInt64(), 0, line.GetProperty("total").GetInt64()));
            var done = answer.Lines[^1];
            Assert.Equal("done", done.Text("status"));
            Assert.Equal(fixture.Image, done.Text("image"));
            Assert.True(done.GetProperty("pulled").GetBoolean());
            Assert.Equal(0, await DockerCli.TryAsync("image", "inspect", fixture.Image));
        }
        finally
        {
            await LoopbackRegistry.RemoveLocalAsync(fixture.Image);
        }
    }

    [Fact]
    public async Task PullImage_ImagePresentLocally_AnswersDoneAtOnceWithoutPulling()
    {
        var answer = await PullStreamReader.PullAsync(fixture.Daemon.Client, TestImages.Everything);

        Assert.True(answer.Response.StatusCode == HttpStatusCode.OK, answer.Body);
        var done = Assert.Single(answer.Lines);
        Assert.Equal("done", done.Text("status"));
        Assert.Equal(TestImages.Everything, done.Text("image"));
        Assert.False(done.GetProperty("pulled").GetBoolean());
    }

    [Theory]
    [InlineData("Toolshed/Everything:1")]
    [InlineData("toolshed/everything:-bad")]
    [InlineData("   ")]
    public async Task PullImage_BadReference_Is400ProblemBeforeAnyLine(string image)
    {
        var answer = await PullStreamReader.PullAsync(fixture.Daemon.Client, image);

        Assert.True(answer.Response.StatusCode == HttpStatusCode.BadRequest, answer.Body);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(answer.Body);
        Assert.Equal("image", problem.RootElement.GetProperty("field").GetString());
        Assert.Contains("image", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullImage_ImageTheRegistryDoesNotHave_Is400ProblemNamingItAndLeavesNothing()
    {
        var missing = $"{fixture.Registry.Host}/toolshed/missing:nope";

        var answer = await PullStreamReader.PullAsync(fixture.Daemon.Client, missing);

        Assert.True(answer.Response.StatusCode == HttpStatusCode.BadRequest, answer.Body);
        using var problem = JsonDocument.Parse(answer.Body);
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.StartsWith($"Image {missing} is not present locally and could not be pulled: ", detail, StringComparison.Ordinal);
        Assert.Contains("manifest unknown", detail, StringComparison.Ordinal);
        Assert.NotEqual(0, await DockerCli.TryAsync("image", "inspect", missing));
        var containers = await DockerCli.RunAsync("ps", "--all", "--quiet", "--filter", $"label=toolshed.instance={fixture.Daemon.InstanceId}");
        Assert.Equal("", containers.Trim());
    }

    [Fact]
    public async Task PullImage_RegistryServerName_ResolvesToItsImageAsCreateDoes()
    {
        var file = Path.Combine(fixture.Home, "pull-registry.json");
        await File.WriteAllTextAsync(file, $$"""
            {"version":"1","last_updated":"2026-12-01T00:00:00Z","servers":{"pulltest":{"name":"pulltest","description":"pull test","image":"{{TestImages.Everything}}","transport":"stdio","tools":["echo"]} } }
            """, TestContext.Current.CancellationToken);
        using var add = await fixture.Daemon.Client.PostAsync(
            "api/v1beta/registry",
            new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = "pullreg", ["path"] = file }), System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.True(add.IsSuccessStatusCode, await add.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var resolved = await PullStreamReader.PullAsync(fixture.Daemon.Client, "pullreg/pulltest");
        var unknown = await PullStreamReader.PullAsync(fixture.Daemon.Client, "pullreg/nope");

        Assert.True(resolved.Response.StatusCode == HttpStatusCode.OK, resolved.Body);
        Assert.Equal(TestImages.Everything, Assert.Single(resolved.Lines).Text("image"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Response.StatusCode);
        Assert.Contains("has no server named 'nope'", unknown.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShedRun_ImageOnlyInRegistry_PullsShowingLayerLinesOnStderrThenServesMcp()
    {
        Assert.True(await LoopbackRegistry.RemoveLocalAsync(fixture.Image));
        using var home = new TemporaryDirectory("toolshed-pull-cli");
        var shed = new ShedScript(home.Path, DaemonProcess.FreePort());
        // The built shed (as ./shed runs it, without ./shed's first build eating into the time limit), starting its
        // own daemon in the background as it does for a user.
        var environment = new Dictionary<string, string> { ["TOOLSHED_HOME"] = home.Path, ["TOOLSHED_API_URL"] = shed.ApiUrl };
        try
        {
            var run = await ShedDll.RunAsync(environment, "run", fixture.Image, "--name", "pulled", "--format", "json");

            Assert.True(run.ExitCode == 0, run.ToString());
            // stderr is redirected here, so the progress is plain lines: one per layer state change, not per byte.
            Assert.Contains($"Pulling {fixture.Image}…", run.Stderr, StringComparison.Ordinal);
            Assert.Matches(LayerLine("Already exists"), run.Stderr);
            var downloaded = LayerLine("Downloading").Matches(run.Stderr);
            var layer = Assert.Single(downloaded).Groups["layer"].Value;
            Assert.Matches(new Regex($"(?m)^{layer}: Pull complete$"), run.Stderr);
            Assert.True(
                run.Stderr.IndexOf($"{layer}: Downloading", StringComparison.Ordinal) < run.Stderr.IndexOf($"{layer}: Pull complete", StringComparison.Ordinal),
                run.Stderr);
            Assert.Contains($"Pulled {fixture.Image}.", run.Stderr, StringComparison.Ordinal);
            // stdout carries the JSON result only.
            using var result = JsonDocument.Parse(run.Stdout);
            var port = result.RootElement.GetProperty("port").GetInt32();
            await using var client = await McpProbe.ConnectAsync(port);
            Assert.Equal("Echo: pulled", await McpProbe.EchoAsync(client, "pulled"));
        }
        finally
        {
            await ShedDll.RunAsync(environment, "rm", "pulled");
            shed.KillDaemon();
            await LoopbackRegistry.RemoveLocalAsync(fixture.Image);
        }
    }

    private static Regex LayerLine(string status) => new($"(?m)^(?<layer>[0-9a-f]{{12}}): {Regex.Escape(status)}$");

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex ShortLayerId();
}
