using System.Text.Json;
using Toolshed.Cli.Mcp;

namespace Toolshed.Cli.Tests.Mcp;

public sealed class McpReadinessProbeTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"serverInfo":{"name":"everything"}}}""", "Ready")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"the MCP server is not running"}}""", "NotYet")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"The MCP server answered HTTP 404.","data":{"httpStatus":404}}}""", "NotYet")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"needs sign-in","data":{"httpStatus":401}}}""", "Refused")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"more scope","data":{"httpStatus":403}}}""", "Refused")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"odd","data":{"httpStatus":"401"}}}""", "NotYet")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Unsupported protocol version"}}""", "Refused")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":"-32000","message":"a string code"}}""", "Refused")]
    [InlineData("""[1,2]""", "NotYet")]
    public void Classify_SortsAnswers_ARefusedAccessIsFinal(string answer, string expected)
    {
        using var document = JsonDocument.Parse(answer);

        Assert.Equal(expected, McpReadinessProbe.Classify(document.RootElement).Outcome.ToString());
    }
}
