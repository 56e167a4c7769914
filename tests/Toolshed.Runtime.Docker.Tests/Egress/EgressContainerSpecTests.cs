using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Runtime.Docker.Workloads;

namespace Toolshed.Runtime.Docker.Tests.Egress;

public sealed class EgressContainerSpecTests
{
    private static readonly EgressRoute s_route = new("toolshed-demo-net", EgressGateway.ProxyUrl);

    private static readonly RegistryPermissions s_allowList = new()
    {
        Network = new RegistryNetworkPermissions
        {
            Outbound = new RegistryOutboundPermissions { AllowHost = ["api.example.com"], AllowPort = [443] },
        },
    };

    [Fact]
    public void AllowListed_Workload_JoinsOnlyItsInternalNetwork_WithEveryProxyVariable()
    {
        var container = ContainerSpecFactory.Create(Launch(new WorkloadSpec { Name = "demo", Image = "img" }), "instance", s_route);

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
        var spec = new WorkloadSpec { Name = "demo", Image = "img", Transport = McpTransport.StreamableHttp, TargetPort = 3001 };

        var container = ContainerSpecFactory.Create(Launch(spec), "instance", s_route);

        Assert.Empty(container.PortBindings);
        Assert.Equal("3001", container.Environment["PORT"]);
    }

    [Fact]
    public void AllowList_WithoutRoute_NeverFallsBackToTheOpenBridge()
    {
        var container = ContainerSpecFactory.Create(Launch(new WorkloadSpec { Name = "demo", Image = "img" }), "instance");

        Assert.Equal("none", container.NetworkMode);
    }

    [Fact]
    public void NetworkMode_OfAnAllowListedWorkload_IsItsEgressNetwork_SoAnOpenBridgeContainerIsNotAdopted()
    {
        var definition = Launch(new WorkloadSpec { Name = "demo", Image = "img" }).Definition;

        Assert.Equal(EgressGateway.NetworkName("demo"), ContainerSpecFactory.NetworkModeOf(definition));
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

    private static WorkloadLaunch Launch(WorkloadSpec spec) => new()
    {
        Definition = new WorkloadDefinition { Spec = spec, Permissions = s_allowList, AllowList = EgressPolicyRules.For(s_allowList) },
        Fingerprint = "fingerprint",
    };
}
