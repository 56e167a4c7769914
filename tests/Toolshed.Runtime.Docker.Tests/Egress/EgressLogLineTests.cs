using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Egress;

namespace Toolshed.Runtime.Docker.Tests.Egress;

public sealed class EgressLogLineTests
{
    [Fact]
    public void Parse_DecisionLines_GiveTheirDecision()
    {
        Assert.Equal(new EgressDecision(false, "GET", "other.test", 8080),
            EgressLogLine.Parse("2026-12-04T05:00:00.000Z deny GET other.test:8080 (not in the allow-list)"));
        Assert.Equal(new EgressDecision(true, "CONNECT", "api.allowed.test", 443),
            EgressLogLine.Parse("2026-12-04T05:00:00.000Z allow CONNECT api.allowed.test:443"));
        Assert.Equal(new EgressDecision(false, "CONNECT", "::1", 443), EgressLogLine.Parse("t deny CONNECT ::1:443"));
    }

    [Theory]
    [InlineData("2026-12-04T05:00:00.000Z listening on 0.0.0.0:3128")]
    [InlineData("2026-12-04T05:00:00.000Z error upstream gone")]
    [InlineData("t deny GET other.test")]
    [InlineData("t deny GET other.test:0")]
    [InlineData("t deny GET other.test:99999")]
    [InlineData("t deny GET :80")]
    [InlineData("")]
    public void Parse_OtherLines_AreNoDecision(string line) => Assert.Null(EgressLogLine.Parse(line));

    [Fact]
    public void Parse_HostPastDnsLength_IsNoDecision() =>
        Assert.Null(EgressLogLine.Parse($"t deny GET {new string('a', 300)}:80"));
}
