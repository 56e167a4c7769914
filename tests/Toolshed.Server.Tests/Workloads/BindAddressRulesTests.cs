using System.Net;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class BindAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("localhost")]
    public void Resolve_LoopbackOrWildcard_IsAllowed(string host)
    {
        Assert.NotNull(BindAddressRules.Resolve(host, () => []));
    }

    [Fact]
    public void Resolve_AnAddressOfAnInterface_IsAllowed()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), BindAddressRules.Resolve("10.1.2.3", () => [IPAddress.Parse("10.1.2.3")]));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("example.com")]
    public void Resolve_NotThisMachine_IsNull(string host)
    {
        // The real interface list: this machine is not 8.8.8.8. Nothing is sent anywhere.
        Assert.Null(BindAddressRules.Resolve(host));
    }
}
