using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class WorkloadDefinitionsTests
{
    private const string AllowList = """{"network":{"outbound":{"allow_host":["api.example.com"],"allow_port":[443]}}}""";

    [Theory]
    [InlineData("none", null)]
    [InlineData("network", null)]
    [InlineData("""{"network":{"outbound":{"insecure_allow_all":true,"allow_host":["a.example"]}}}""", null)]
    [InlineData(AllowList, "hosts [api.example.com], ports [443]")]
    [InlineData("""{"network":{"outbound":{"allow_host":[".example.com"]}}}""", "hosts [.example.com], ports [80, 443]")]
    public void From_ReadsTheAllowListOnlyWhenThereIsOneToEnforce(string profile, string? expected)
    {
        var definition = WorkloadDefinitions.From(new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = profile });

        Assert.Equal(expected, definition.AllowList?.ToString());
    }

    [Theory]
    [InlineData("network", true)]
    [InlineData("none", false)]
    [InlineData(AllowList, false)]
    public void From_SaysWhetherOutboundIsUnrestricted(string profile, bool expected)
    {
        var definition = WorkloadDefinitions.From(new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = profile });

        Assert.Equal(expected, definition.OutboundUnrestricted);
    }

    [Fact]
    public void From_AProfileThatDoesNotRead_IsA400NamingTheField()
    {
        var error = Assert.Throws<InvalidInputException>(
            () => WorkloadDefinitions.From(new WorkloadSpec { Name = "demo", Image = "img", PermissionProfile = "{not json" }));

        Assert.Equal("permission_profile", error.Field);
    }
}
