using System.Net;

namespace Toolshed.Remote.Tests;

public sealed class OutboundAddressGuardTests
{
    [Theory]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd00::1", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    public void Private_addresses_are_classified(string address, string kind) =>
        Assert.Contains(kind, OutboundAddressGuard.Classify(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_pass(string address) => Assert.Null(OutboundAddressGuard.Classify(IPAddress.Parse(address)));

    [Fact]
    public void An_allowed_host_is_exempt_and_others_are_not()
    {
        var guard = new OutboundAddressGuard(["127.0.0.1", "auth.internal"]);

        Assert.Null(guard.Problem("127.0.0.1", IPAddress.Loopback));
        Assert.Null(guard.Problem("AUTH.internal.", IPAddress.Parse("10.0.0.7")));
        Assert.Contains("169.254.169.254", guard.Problem("169.254.169.254", IPAddress.Parse("169.254.169.254")), StringComparison.Ordinal);
    }
}
