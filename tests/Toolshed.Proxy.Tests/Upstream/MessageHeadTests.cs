using System.Text;
using Toolshed.Proxy.Upstream;

namespace Toolshed.Proxy.Tests.Upstream;

public sealed class MessageHeadTests
{
    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"big\":[1,2,{\"id\":9}]}}", null, "42", true)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"sampling/createMessage\",\"params\":{}}", "sampling/createMessage", "\"s-1\"", false)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"id\":1}}", "notifications/progress", null, false)]
    [InlineData("[{\"id\":1}]", null, null, false)]
    [InlineData("not json", null, null, false)]
    public void Read_Message_FindsMethodIdAndKind(string json, string? method, string? idJson, bool isResponse)
    {
        var head = MessageHead.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new MessageHead(method, idJson, isResponse), head);
    }
}
