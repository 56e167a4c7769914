using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class WorkloadNameRulesTests
{
    [Theory]
    [InlineData("ghcr.io/acme/mcp-weather:1.2", "mcp-weather")]
    [InlineData("toolshed-test/everything:test", "everything")]
    [InlineData("mcp/fetch", "fetch")]
    [InlineData("localhost:5000/x/y@sha256:abc", "y")]
    [InlineData("___", "server")]
    public void FromImage_Reference_GivesReadableName(string image, string expected)
    {
        Assert.Equal(expected, WorkloadNameRules.FromImage(image));
    }

    [Fact]
    public void MakeUnique_TakenNames_AppendsCounter()
    {
        var taken = new HashSet<string> { "fetch", "fetch-2" };

        Assert.Equal("fetch-3", WorkloadNameRules.MakeUnique("fetch", taken.Contains));
        Assert.Equal("memory", WorkloadNameRules.MakeUnique("memory", taken.Contains));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a.b_c-d9", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    public void IsValid_Name_FollowsPattern(string name, bool expected)
    {
        Assert.Equal(expected, WorkloadNameRules.IsValid(name));
        Assert.False(WorkloadNameRules.IsValid(new string('a', 64)));
    }
}
