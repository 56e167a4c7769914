using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Egress;

namespace Toolshed.Server.Tests.Workloads.Egress;

public sealed class EgressContainerSpecTests
{
    private const string AllowList = """{"network":{"outbound":{"allow_host":["api.example.com"],"allow_port":[443]}}}""";
    private static readonly EgressRoute s_route = new("toolshed-demo-net", EgressGateway.ProxyUrl);

    [Fact]
    public void AllowListed_Workload_JoinsOnlyItsInternalNetwork_WithEveryProxyVariable()
    {
        var spec = new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = AllowList };

        var container = ContainerSpecFactory.Create(spec, new Dictionary<string, string>(), "instance", egress: s_route);

        Assert.Equal("toolshed-demo-net", container.NetworkMode);
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            Assert.Equal("http://toolshed-egress:3128", container.Environment[name]);
        }

        Assert.Equal("localhost,127.0.0.1,::1", container.Environment["NO_PROXY"]);
    }

    [Fact]
    public void AllowListed_HttpServer_PublishesNoPort_TheEngineCouldNotOnAnInternalNetwork()
    {
        var spec = new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = AllowList, Transport = McpTransport.StreamableHttp, TargetPort = 3001 };

        var container = ContainerSpecFactory.Create(spec, new Dictionary<string, string>(), "instance", egress: s_route);

        Assert.Empty(container.PortBindings);
        Assert.Equal("3001", container.Environment["PORT"]);
    }

    [Fact]
    public void AllowList_WithoutRoute_NeverFallsBackToTheOpenBridge()
    {
        var spec = new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = AllowList };

        var container = ContainerSpecFactory.Create(spec, new Dictionary<string, string>(), "instance");

        Assert.Equal("none", container.NetworkMode);
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("network", null)]
    [InlineData("""{"network":{"outbound":{"insecure_allow_all":true,"allow_host":["a.example"]}}}""", null)]
    [InlineData(AllowList, "hosts [api.example.com], ports [443]")]
    [InlineData("""{"network":{"outbound":{"allow_host":[".example.com"]}}}""", "hosts [.example.com], ports [80, 443]")]
    public void PolicyOf_ReadsTheAllowListOnlyWhenThereIsOneToEnforce(string profile, string? expected)
    {
        var policy = ContainerSpecFactory.EgressPolicyOf(new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = profile });

        Assert.Equal(expected, policy?.ToString());
    }

    [Fact]
    public void Rules_RefuseATransportTheProxyCannotCarry()
    {
        var permissions = new RegistryPermissions
        {
            Network = new RegistryNetworkPermissions
            {
                Outbound = new RegistryOutboundPermissions { AllowHost = ["dns.example"], AllowTransport = ["udp"] },
            },
        };

        var error = Assert.Throws<InvalidInputException>(() => EgressPolicyRules.For(permissions));

        Assert.Contains("only tcp", error.Message, StringComparison.Ordinal);
    }
}
