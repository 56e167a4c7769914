using Toolshed.Runtime.Docker.Egress;

namespace Toolshed.Runtime.Docker.Tests.Egress;

public sealed class SubnetAllocatorTests
{
    [Fact]
    public void Pick_TakesTheFirstBlockClearOfEveryNetwork()
    {
        Assert.Equal("10.213.0.0/28", SubnetAllocator.Pick("10.213.0.0/16", ["172.17.0.0/16"]));
        Assert.Equal("10.213.0.16/28", SubnetAllocator.Pick("10.213.0.0/16", ["10.213.0.0/28"]));
        Assert.Equal("10.213.1.0/28", SubnetAllocator.Pick("10.213.0.0/16", ["10.213.0.0/24"]));
        // A wider network that swallows the whole pool leaves nothing.
        Assert.Null(SubnetAllocator.Pick("10.213.0.0/16", ["10.0.0.0/8"]));
    }

    [Fact]
    public void Pick_SkipsBlocksAlreadyTried_AndReportsAFullPool()
    {
        Assert.Equal("10.213.0.16/28", SubnetAllocator.Pick("10.213.0.0/16", [], new HashSet<string> { "10.213.0.0/28" }));
        Assert.Null(SubnetAllocator.Pick("10.213.0.0/28", ["10.213.0.0/28"]));
    }

    [Theory]
    [InlineData("10.213.0.0/30")]
    [InlineData("fd00::/64")]
    public void Pick_RefusesAPoolThatCannotHoldABlock(string pool) =>
        Assert.Throws<ArgumentException>(() => SubnetAllocator.Pick(pool, []));
}
