using Toolshed.Core.Errors;
using Toolshed.Server.Workloads.Proxies;

namespace Toolshed.Server.Tests.Workloads.Proxies;

public sealed class ParsedPoliciesTests
{
    private const string Permit = """{"version":"1.0","type":"cedarv1","cedar":{"policies":["permit(principal, action, resource);"],"entities_json":"[]"}}""";
    private const string Forbid = """{"version":"1.0","type":"cedarv1","cedar":{"policies":["forbid(principal, action, resource);"],"entities_json":"[]"}}""";

    [Fact]
    public void Get_SameWorkloadSameText_ParsesOnce()
    {
        var policies = new ParsedPolicies();

        var first = policies.Get("alpha", Permit);
        var second = policies.Get("alpha", Permit);

        Assert.Same(first, second);
        Assert.Equal(1, policies.Parses);
    }

    [Fact]
    public void Get_ChangedText_ParsesTheNewOne()
    {
        var policies = new ParsedPolicies();

        var first = policies.Get("alpha", Permit);
        var second = policies.Get("alpha", Forbid);

        Assert.NotSame(first, second);
        Assert.Equal(2, policies.Parses);
    }

    [Fact]
    public void Get_BadText_IsRefused_AndNothingIsCached()
    {
        var policies = new ParsedPolicies();

        Assert.Throws<InvalidInputException>(() => policies.Get("alpha", "{not a config"));
        policies.Get("alpha", Permit);

        Assert.Equal(1, policies.Parses);
    }

    [Fact]
    public void Get_PastCapacity_StaysBounded()
    {
        var policies = new ParsedPolicies();

        for (var i = 0; i < ParsedPolicies.Capacity + 5; i++)
        {
            policies.Get($"w{i}", Permit);
        }

        Assert.Equal(ParsedPolicies.Capacity + 5, policies.Parses);
        Assert.Same(policies.Get($"w{ParsedPolicies.Capacity + 4}", Permit), policies.Get($"w{ParsedPolicies.Capacity + 4}", Permit));
    }
}
