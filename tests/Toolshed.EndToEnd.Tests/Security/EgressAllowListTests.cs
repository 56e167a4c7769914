using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Lifecycle;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// The egress allow-list, enforced: checked from inside the workload with the C# test server's fetch tool (an
/// HttpClient that honours HTTP_PROXY, as most clients do) and its connect tool (a raw socket that ignores any proxy,
/// as a hostile server would).
/// </summary>
public sealed class EgressAllowListTests(EgressFixture fixture) : IClassFixture<EgressFixture>
{
    private readonly HttpClient _api = fixture.Api;

    [Fact]
    public async Task AllowList_ExactHostAndPort_ReachesOnlyThatHostAndPort()
    {
        var port = await CreateAsync(ServersApiFixture.UniqueName("egress"), ["api.allowed.test"], [8080]);
        await using var client = await McpProbe.ConnectAsync(port);

        Assert.Equal("status 200", await FetchAsync(client, "http://api.allowed.test:8080/"));
        Assert.Equal("status 403", await FetchAsync(client, "http://api.allowed.test:9090/"));
        Assert.Equal("status 403", await FetchAsync(client, "http://other.test:8080/"));
        // Around the proxy: no name resolution and no route, whether by name or by address.
        Assert.StartsWith("error:", await ConnectAsync(client, "api.allowed.test", 8080), StringComparison.Ordinal);
        Assert.StartsWith("error:", await ConnectAsync(client, fixture.HostAAddress, 8080), StringComparison.Ordinal);
        Assert.StartsWith("error:", await ConnectAsync(client, fixture.HostAAddress, 9090), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowList_StdioServer_CannotReachServicesOnTheEngineHost()
    {
        using var hostService = new System.Net.Sockets.TcpListener(IPAddress.Any, 0);
        hostService.Start();
        var hostPort = ((IPEndPoint)hostService.LocalEndpoint).Port;
        var name = ServersApiFixture.UniqueName("hostile");
        var port = await CreateAsync(name, ["api.allowed.test"], [8080]);
        var gateway = await GatewayAsync(EgressGateway.NetworkName(name));
        var bridge = await GatewayAsync("bridge");
        await using var client = await McpProbe.ConnectAsync(port);

        Assert.StartsWith("error:", await ConnectAsync(client, gateway, hostPort), StringComparison.Ordinal);
        Assert.StartsWith("error:", await ConnectAsync(client, bridge, hostPort), StringComparison.Ordinal);
        Assert.Equal("status 403", await FetchAsync(client, $"http://{bridge}:{hostPort}/"));
    }

    /// <summary>
    /// A network's gateway: the host's address on it. The engine lists none for networks it made without one (an egress
    /// network) and, on some engines, for the default bridge too: then it is the subnet's first address.
    /// </summary>
    private static async Task<string> GatewayAsync(string network)
    {
        var ipam = (await DockerCli.RunAsync("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}} {{(index .IPAM.Config 0).Subnet}}", network)).Trim().Split(' ');
        if (ipam.Length == 2 && ipam[0].Length > 0)
        {
            return ipam[0];
        }

        var first = System.Net.IPNetwork.Parse(ipam[^1]).BaseAddress.GetAddressBytes();
        first[3]++;
        return new IPAddress(first).ToString();
    }

    [Fact]
    public async Task AllowList_DomainWildcard_CoversTheDomainAndSubdomainsOnly()
    {
        var port = await CreateAsync(ServersApiFixture.UniqueName("wild"), [".allowed.test"], [8080]);
        await using var client = await McpProbe.ConnectAsync(port);

        Assert.Equal("status 200", await FetchAsync(client, "http://allowed.test:8080/"));
        Assert.Equal("status 200", await FetchAsync(client, "http://api.allowed.test:8080/"));
        Assert.Equal("status 403", await FetchAsync(client, "http://evilallowed.test:8080/"));
        Assert.Equal("status 403", await FetchAsync(client, "http://other.test:8080/"));
    }

    [Fact]
    public async Task AllowList_Denials_AreLoggedBySidecar_AndEnvironmentPointsAtIt()
    {
        var name = ServersApiFixture.UniqueName("log");
        var port = await CreateAsync(name, ["api.allowed.test"], [8080]);
        await using var client = await McpProbe.ConnectAsync(port);

        Assert.Equal("status 403", await FetchAsync(client, "http://other.test:8080/secret-path"));
        Assert.Equal(EgressGateway.ProxyUrl.ToString().TrimEnd('/'), await SecurityFixture.CallAsync(client, "env_value", new() { ["name"] = "HTTPS_PROXY" }));

        var logs = await DockerCli.RunAsync("logs", EgressGateway.SidecarName(name));
        Assert.Contains("deny GET other.test:8080", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowList_Denials_AreCountedPerWorkload()
    {
        var name = ServersApiFixture.UniqueName("denials");
        var meters = fixture.Daemon.GetService<IMeterFactory>();
        var counted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long denials = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "toolshed.egress.denials")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "toolshed.workload.name" && tag.Value as string == name && Interlocked.Add(ref denials, value) == 2)
                {
                    counted.TrySetResult();
                }
            }
        });
        listener.Start();
        var port = await CreateAsync(name, ["api.allowed.test"], [8080]);
        await using var client = await McpProbe.ConnectAsync(port);

        Assert.Equal("status 200", await FetchAsync(client, "http://api.allowed.test:8080/"));
        Assert.Equal("status 403", await FetchAsync(client, "http://other.test:8080/"));
        Assert.Equal("status 403", await FetchAsync(client, "http://api.allowed.test:9090/"));

        await counted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(2, Interlocked.Read(ref denials)); // the allowed one is not counted
    }

    [Fact]
    public async Task AllowList_HttpTransportServer_IsServedAndHeldToItsList()
    {
        var name = ServersApiFixture.UniqueName("http-egress");
        var response = await _api.PostAsJsonAsync("api/v1beta/servers", new
        {
            image = TestImages.Everything,
            name,
            transport = "streamable-http",
            target_port = 3001,
            cmd_arguments = new[] { "streamableHttp" },
            permission_profile = Profile(["api.allowed.test"], [8080]),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var port = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("port").GetInt32();

        await using var client = await Eventually.GetAsync(async () => await McpProbe.ConnectAsync(port), TimeSpan.FromSeconds(30), "the HTTP server answers");
        Assert.Equal("Echo: through an internal network", await McpProbe.EchoAsync(client, "through an internal network"));
        var networks = await DockerCli.RunAsync("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", $"toolshed-{name}");
        Assert.Equal(EgressGateway.NetworkName(name), networks.Trim());
    }

    [Fact]
    public async Task Lifecycle_StopKeepsNothingRunning_DeadSidecarIsRevived_DeleteRemovesSidecarAndNetwork()
    {
        var name = ServersApiFixture.UniqueName("life");
        var port = await CreateAsync(name, ["api.allowed.test"], [8080]);

        await DockerCli.RunAsync("kill", EgressGateway.SidecarName(name));
        // Running is not enough: the workload gets out again once the restarted proxy listens.
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            var fetched = await Eventually.GetAsync(
                async () => await FetchAsync(client, "http://api.allowed.test:8080/") is "status 200" and var ok ? ok : null,
                TimeSpan.FromSeconds(30),
                "the reconciler restarts the killed sidecar and the workload gets out through it again");
            Assert.Equal("status 200", fetched);
        }

        var subnet = (await DockerCli.RunAsync("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", EgressGateway.NetworkName(name))).Trim();
        Assert.StartsWith("10.213.", subnet, StringComparison.Ordinal);
        Assert.EndsWith("/28", subnet, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.PostAsync($"api/v1beta/servers/{name}/stop", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("false", (await DockerCli.RunAsync("inspect", "-f", "{{.State.Running}}", EgressGateway.SidecarName(name))).Trim());

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.NotEqual(0, await DockerCli.TryAsync("inspect", EgressGateway.SidecarName(name)));
        Assert.NotEqual(0, await DockerCli.TryAsync("network", "inspect", EgressGateway.NetworkName(name)));
    }

    [Fact]
    public async Task Networks_LeftOver_AreReplacedOrRemoved()
    {
        // A same-named network this daemon did not make (another tool's) is never touched: 409, and it stays as it was.
        var name = ServersApiFixture.UniqueName("squat");
        await DockerCli.RunAsync("network", "create", "--label", "toolshed.test=egress", EgressGateway.NetworkName(name));
        using (var refused = await _api.PostAsJsonAsync(
            "api/v1beta/servers",
            new { name, image = TestImages.CSharpServer, permission_profile = Profile(["api.allowed.test"], [8080]) },
            TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        Assert.Equal("false", (await DockerCli.RunAsync("network", "inspect", "-f", "{{.Internal}}", EgressGateway.NetworkName(name))).Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken)).StatusCode);
        await DockerCli.RunAsync("network", "rm", EgressGateway.NetworkName(name));
        var port = await CreateAsync(name, ["api.allowed.test"], [8080]);
        Assert.Equal("true", (await DockerCli.RunAsync("network", "inspect", "-f", "{{.Internal}}", EgressGateway.NetworkName(name))).Trim());
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("status 200", await FetchAsync(client, "http://api.allowed.test:8080/"));
        }

        // An egress network of this daemon that no workload claims any more is removed by the reconciler.
        var ghost = EgressGateway.NetworkName(ServersApiFixture.UniqueName("ghost"));
        await DockerCli.RunAsync(
            "network", "create", "--internal", "--label", "toolshed=true", "--label", $"toolshed.instance={fixture.Daemon.InstanceId}",
            "--label", $"toolshed.egress-for={ghost["toolshed-".Length..^"-net".Length]}", ghost);
        await Eventually.GetAsync(
            async () => await DockerCli.TryAsync("network", "inspect", ghost) != 0 ? "gone" : null,
            TimeSpan.FromSeconds(30),
            "the reconciler removes the unclaimed egress network");
    }

    [Theory]
    [InlineData("a URL as host", """{"network":{"outbound":{"allow_host":["https://api.allowed.test"]}}}""", "is a URL")]
    [InlineData("a port in the host", """{"network":{"outbound":{"allow_host":["api.allowed.test:8080"]}}}""", "carries a port")]
    [InlineData("a port out of range", """{"network":{"outbound":{"allow_port":[70000]}}}""", "not a TCP port")]
    [InlineData("udp", """{"network":{"outbound":{"allow_host":["a.test"],"allow_transport":["udp"]}}}""", "only tcp")]
    public async Task Create_BadAllowList_Is400NamingTheEntry_AndLeavesNothing(string why, string profile, string reason)
    {
        var name = ServersApiFixture.UniqueName("bad-egress");

        var response = await _api.PostAsJsonAsync(
            "api/v1beta/servers", new { image = TestImages.CSharpServer, name, permission_profile = profile }, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode} {body}");
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.NotEqual(0, await DockerCli.TryAsync("network", "inspect", EgressGateway.NetworkName(name)));
        Assert.NotEqual(0, await DockerCli.TryAsync("inspect", EgressGateway.SidecarName(name)));
    }

    private async Task<int> CreateAsync(string name, string[] hosts, int[] ports)
    {
        var response = await _api.PostAsJsonAsync(
            "api/v1beta/servers",
            new { image = TestImages.CSharpServer, name, permission_profile = Profile(hosts, ports) },
            TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("port").GetInt32();
    }

    private static string Profile(string[] hosts, int[] ports) =>
        JsonSerializer.Serialize(new { network = new { outbound = new { allow_host = hosts, allow_port = ports } } });

    private static Task<string> FetchAsync(ModelContextProtocol.Client.McpClient client, string url) =>
        SecurityFixture.CallAsync(client, "fetch", new() { ["url"] = url });

    private static Task<string> ConnectAsync(ModelContextProtocol.Client.McpClient client, string host, int port) =>
        SecurityFixture.CallAsync(client, "connect", new() { ["host"] = host, ["port"] = port });
}
