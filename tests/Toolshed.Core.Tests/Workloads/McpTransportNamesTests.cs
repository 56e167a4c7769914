using Toolshed.Core.Workloads;

namespace Toolshed.Core.Tests.Workloads;

public sealed class McpTransportNamesTests
{
    [Theory]
    [InlineData("stdio", McpTransport.Stdio)]
    [InlineData("sse", McpTransport.Sse)]
    [InlineData("streamable-http", McpTransport.StreamableHttp)]
    [InlineData("STDIO", McpTransport.Stdio)]
    public void TryParse_KnownName_ReturnsTransport(string name, McpTransport expected)
    {
        Assert.True(McpTransportNames.TryParse(name, out var transport));
        Assert.Equal(expected, transport);
    }

    [Theory]
    [InlineData("")]
    [InlineData("websocket")]
    [InlineData(null)]
    public void TryParse_UnknownName_ReturnsFalse(string? name)
    {
        Assert.False(McpTransportNames.TryParse(name, out _));
    }

    [Fact]
    public void ToName_RoundTrips_ForEveryTransport()
    {
        foreach (var transport in Enum.GetValues<McpTransport>())
        {
            Assert.True(McpTransportNames.TryParse(transport.ToName(), out var parsed));
            Assert.Equal(transport, parsed);
        }
    }
}
