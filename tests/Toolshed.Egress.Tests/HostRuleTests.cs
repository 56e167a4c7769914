using Toolshed.Egress.Policy;

namespace Toolshed.Egress.Tests;

public sealed class HostRuleTests
{
    [Theory]
    [InlineData("api.example.com", "api.example.com", true)]
    [InlineData("api.example.com", "API.Example.COM.", true)]
    [InlineData("api.example.com", "example.com", false)]
    [InlineData("api.example.com", "x.api.example.com", false)]
    [InlineData(".example.com", "example.com", true)]
    [InlineData(".example.com", "api.example.com", true)]
    [InlineData(".example.com", "a.b.example.com", true)]
    [InlineData(".example.com", "badexample.com", false)]
    [InlineData(".example.com", "example.com.evil.net", false)]
    [InlineData("*.example.com", "api.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("10.0.0.7", "10.0.0.7", true)]
    [InlineData("10.0.0.7", "10.0.0.70", false)]
    [InlineData("::1", "[::1]", true)]
    public void Matches_as_users_expect(string pattern, string host, bool expected)
    {
        var rule = HostRule.TryParse(pattern, out var error);

        Assert.Null(error);
        Assert.NotNull(rule);
        Assert.Equal(expected, rule.Matches(host));
    }

    [Theory]
    [InlineData("", "names no host")]
    [InlineData(".", "names no host")]
    [InlineData("https://api.example.com", "is a URL")]
    [InlineData("api.example.com/path", "is a URL")]
    [InlineData("api.example.com:443", "carries a port")]
    [InlineData("*.10.0.0.1", "wildcard on an IP")]
    [InlineData("exa mple.com", "not a host name")]
    [InlineData("-bad.example.com", "not a host name")]
    [InlineData("a..b", "not a host name")]
    public void Refuses_what_is_not_a_host_pattern_and_says_why(string pattern, string reason)
    {
        var rule = HostRule.TryParse(pattern, out var error);

        Assert.Null(rule);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
