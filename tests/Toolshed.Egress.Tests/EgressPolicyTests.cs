using Toolshed.Egress.Policy;

namespace Toolshed.Egress.Tests;

public sealed class EgressPolicyTests
{
    [Fact]
    public void Hosts_without_ports_allow_http_and_https_only()
    {
        var policy = EgressPolicy.Create(["api.example.com"], []);

        Assert.True(policy.Allows("api.example.com", 443));
        Assert.True(policy.Allows("api.example.com", 80));
        Assert.False(policy.Allows("api.example.com", 22));
        Assert.False(policy.Allows("other.example.com", 443));
    }

    [Fact]
    public void Ports_without_hosts_allow_any_host_on_those_ports()
    {
        var policy = EgressPolicy.Create([], [5432]);

        Assert.True(policy.Allows("db.internal", 5432));
        Assert.False(policy.Allows("db.internal", 443));
    }

    [Fact]
    public void A_host_and_a_port_must_both_match()
    {
        var policy = EgressPolicy.Create([".example.com", "10.1.2.3"], [8443]);

        Assert.True(policy.Allows("a.example.com", 8443));
        Assert.True(policy.Allows("10.1.2.3", 8443));
        Assert.False(policy.Allows("a.example.com", 443));
        Assert.False(policy.Allows("10.1.2.4", 8443));
    }

    [Fact]
    public void Round_trips_through_the_sidecar_environment()
    {
        var policy = EgressPolicy.Create(["*.b.example", ".a.example", "c.example"], [443, 80, 443]);

        var read = EgressPolicy.FromEnvironment(name => policy.ToEnvironment().GetValueOrDefault(name));

        Assert.Equal(policy.ToString(), read.ToString());
        Assert.Equal([80, 443], read.Ports);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Refuses_a_port_out_of_range(int port)
    {
        var error = Assert.Throws<FormatException>(() => EgressPolicy.Create([], [port]));

        Assert.Contains($"{port} is not a TCP port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_empty_allow_list()
    {
        Assert.Throws<FormatException>(() => EgressPolicy.Create([], []));
    }
}
