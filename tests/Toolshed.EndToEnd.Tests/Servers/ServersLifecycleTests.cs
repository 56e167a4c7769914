using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>The servers API against a real daemon, a real engine and real MCP servers.</summary>
public sealed class ServersLifecycleTests(ServersApiFixture fixture) : IClassFixture<ServersApiFixture>
{
    private readonly HttpClient _api = fixture.Api;

    [Fact]
    public async Task Create_ImageReference_RunsAndAnswersMcpThroughItsPort()
    {
        var name = ServersApiFixture.UniqueName("everything");

        var created = await CreateAsync(new { image = TestImages.Everything, name });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(name, body.GetProperty("name").GetString());
        var port = body.GetProperty("port").GetInt32();
        Assert.InRange(port, 1, 65535);

        var info = await GetServerAsync(name);
        Assert.Equal("running", info.GetProperty("state").GetString());
        Assert.Equal(TestImages.Everything, info.GetProperty("image").GetString());
        var labels = info.GetProperty("labels");
        Assert.Equal("true", labels.GetProperty(ToolshedLabels.Managed).GetString());
        Assert.Equal(name, labels.GetProperty(ToolshedLabels.Name).GetString());
        Assert.Equal("stdio", labels.GetProperty(ToolshedLabels.Transport).GetString());
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), labels.GetProperty(ToolshedLabels.Port).GetString());
        Assert.Equal(port, info.GetProperty("ports")[0].GetProperty("hostPort").GetInt32());

        await using var client = await McpProbe.ConnectAsync(port);
        Assert.Contains("round trip", await McpProbe.EchoAsync(client, "round trip"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopRestartDelete_Workload_FollowsLifecycleAndLeavesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("life");
        var port = await CreateRunningAsync(new { image = TestImages.CSharpServer, name });
        var containerId = (await GetServerAsync(name)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await _api.PostAsync($"api/v1beta/servers/{name}/stop", null, ct)).StatusCode);
        Assert.Equal("stopped", (await GetServerAsync(name)).GetProperty("state").GetString());
        Assert.False(IsListening(port), $"port {port} should be released after stop");
        var running = await _api.GetFromJsonAsync<JsonElement>("api/v1beta/servers", ct);
        Assert.DoesNotContain(running.GetProperty("servers").EnumerateArray(), s => s.GetProperty("name").GetString() == name);
        var all = await _api.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true", ct);
        Assert.Contains(all.GetProperty("servers").EnumerateArray(), s => s.GetProperty("name").GetString() == name);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.PostAsync($"api/v1beta/servers/{name}/restart", null, ct)).StatusCode);
        var restarted = await GetServerAsync(name);
        Assert.Equal("running", restarted.GetProperty("state").GetString());
        Assert.Equal(port, restarted.GetProperty("ports")[0].GetProperty("hostPort").GetInt32());
        Assert.Equal(containerId, restarted.GetProperty("id").GetString());
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("after restart", await McpProbe.EchoAsync(client, "after restart"));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"api/v1beta/servers/{name}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", ct)).StatusCode);
        Assert.Empty(await fixture.OwnContainersAsync(name));
        Assert.False(IsListening(port), $"port {port} should be released after delete");
    }

    [Fact]
    public async Task Create_SameNameTwice_SecondIs409()
    {
        var name = ServersApiFixture.UniqueName("dup");
        await CreateRunningAsync(new { image = TestImages.CSharpServer, name });

        var second = await CreateAsync(new { image = TestImages.CSharpServer, name });

        await AssertProblemAsync(second, HttpStatusCode.Conflict, name);
    }

    [Fact]
    public async Task Create_ConcurrentSameName_ExactlyOneWins()
    {
        var name = ServersApiFixture.UniqueName("race");

        var responses = await Task.WhenAll(
            CreateAsync(new { image = TestImages.CSharpServer, name }),
            CreateAsync(new { image = TestImages.CSharpServer, name }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Single(await fixture.OwnContainersAsync(name));
    }

    [Fact]
    public async Task Create_MissingImage_Is400AndLeavesNothing()
    {
        var name = ServersApiFixture.UniqueName("noimage");

        var response = await CreateAsync(new { image = "toolshed-test/does-not-exist:never", name });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "does-not-exist");
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task Create_ProxyPortTaken_Is409NamingThePortAndLeavesNothing()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var taken = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var name = ServersApiFixture.UniqueName("porttaken");

        var response = await CreateAsync(new { image = TestImages.CSharpServer, name, proxy_port = taken });

        await AssertProblemAsync(response, HttpStatusCode.Conflict, taken.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertNothingLeftAsync(name);
    }

    [Theory]
    [InlineData("transport", """{"image":"IMAGE","name":"NAME","transport":"carrier-pigeon"}""")]
    [InlineData("name", """{"image":"IMAGE","name":"bad name!"}""")]
    [InlineData("env_vars", """{"image":"IMAGE","name":"NAME","env_vars":["NO_EQUALS_SIGN"]}""")]
    [InlineData("volumes", """{"image":"IMAGE","name":"NAME","volumes":["/tmp:relative/path"]}""")]
    [InlineData("volumes", """{"image":"IMAGE","name":"NAME","volumes":["/tmp:/x/../../etc"]}""")]
    [InlineData("permission_profile", """{"image":"IMAGE","name":"NAME","permission_profile":"everything"}""")]
    [InlineData("target_port", """{"image":"IMAGE","name":"NAME","transport":"sse","target_port":65536}""")]
    [InlineData("image", """{"image":"default/no-such-server","name":"NAME"}""")]
    public async Task Create_InvalidField_Is400NamingItAndLeavesNothing(string field, string body)
    {
        var name = ServersApiFixture.UniqueName("invalid");
        var json = body.Replace("IMAGE", TestImages.CSharpServer, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);

        var response = await _api.PostAsync("api/v1beta/servers", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, null);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        await AssertNothingLeftAsync(name);
    }

    [Fact]
    public async Task Create_MalformedJson_Is400WithPosition()
    {
        var response = await _api.PostAsync(
            "api/v1beta/servers", new StringContent("""{"image": "x",, }""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "BytePositionInLine");
    }

    [Fact]
    public async Task Create_BodyOverOneMebibyte_Is413()
    {
        var huge = "{\"image\":\"x\",\"cmd_arguments\":[\"" + new string('a', 1024 * 1024 + 10) + "\"]}";

        // Expect: 100-continue lets the daemon refuse by Content-Length before the body is sent; otherwise it may close
        // the connection while the client is still writing, and the client sees a broken pipe instead of the 413.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1beta/servers") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await _api.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownServer_EveryVerb_Is404()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("api/v1beta/servers/nope", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("api/v1beta/servers/nope/stop", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("api/v1beta/servers/nope/restart", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.DeleteAsync("api/v1beta/servers/nope", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("api/v1beta/servers/nope/logs", ct)).StatusCode);
    }

    [Fact]
    public async Task Logs_RunningServer_ReturnsWhatItWroteToStderr()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("logs");
        var port = await CreateRunningAsync(new { image = TestImages.CSharpServer, name });
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            await client.CallToolAsync("stderr", new Dictionary<string, object?> { ["message"] = "a line for the logs" }, cancellationToken: ct);
        }

        var logs = await _api.GetStringAsync($"api/v1beta/servers/{name}/logs", ct);

        Assert.Contains("a line for the logs", logs, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> CreateAsync(object request) =>
        await _api.PostAsJsonAsync("api/v1beta/servers", request, TestContext.Current.CancellationToken);

    private async Task<int> CreateRunningAsync(object request)
    {
        var response = await CreateAsync(request);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("port").GetInt32();
    }

    private async Task<JsonElement> GetServerAsync(string name) =>
        await _api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, detail, StringComparison.Ordinal);
        }

        return problem;
    }

    private async Task AssertNothingLeftAsync(string name)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty(await fixture.OwnContainersAsync(name));
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
