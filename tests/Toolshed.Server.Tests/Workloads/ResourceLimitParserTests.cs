using Toolshed.Core.Errors;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class ResourceLimitParserTests
{
    [Theory]
    [InlineData("536870912", 536870912L)]
    [InlineData("512m", 536870912L)]
    [InlineData("512M", 536870912L)]
    [InlineData("2g", 2147483648L)]
    [InlineData("10240k", 10485760L)]
    [InlineData(" 64m ", 67108864L)]
    public void Memory_ReadsBytesAndBinaryUnits(string value, long expected) =>
        Assert.Equal(expected, ResourceLimitParser.Memory(value));

    [Theory]
    [InlineData("", "is not a size")]
    [InlineData("12q", "is not a size")]
    [InlineData("-1", "is not a size")]
    [InlineData("1.5g", "is not a size")]
    [InlineData("99999999999999999999g", "is not a size")]
    [InlineData("1m", "minimum of 6m")]
    public void Memory_RefusesWhatIsNotAUsableSize(string value, string reason)
    {
        var error = Assert.Throws<InvalidInputException>(() => ResourceLimitParser.Memory(value));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("memory_limit", error.Field);
    }

    [Fact]
    public void Absent_MeansTheDefaults() => Assert.Null(ResourceLimitParser.Memory(null) ?? ResourceLimitParser.Pids(null));

    [Fact]
    public void Pids_RefusesTooFewToStartAServer() =>
        Assert.Equal("pids_limit", Assert.Throws<InvalidInputException>(() => ResourceLimitParser.Pids(2)).Field);
}
