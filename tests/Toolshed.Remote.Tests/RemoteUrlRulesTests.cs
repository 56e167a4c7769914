using Toolshed.Core.Remote;

namespace Toolshed.Remote.Tests;

public sealed class RemoteUrlRulesTests
{
    [Theory]
    [InlineData("https://mcp.example.com/mcp")]
    [InlineData("http://127.0.0.1:8080/mcp")]
    [InlineData("http://localhost:3000/sse")]
    [InlineData("http://[::1]:9000/mcp")]
    public void Https_and_loopback_http_are_accepted(string url) => Assert.Null(RemoteUrlRules.Problem(new Uri(url)));

    [Theory]
    [InlineData("http://mcp.example.com/mcp", "use https")]
    [InlineData("http://10.0.0.5/mcp", "use https")]
    [InlineData("ftp://mcp.example.com/", "scheme is ftp")]
    [InlineData("https://user:pass@mcp.example.com/mcp", "header from a secret")]
    [InlineData("https://mcp.example.com/mcp#frag", "fragment")]
    public void Other_urls_are_refused_saying_why(string url, string expected) =>
        Assert.Contains(expected, RemoteUrlRules.Problem(new Uri(url)), StringComparison.Ordinal);

    [Theory]
    [InlineData("https://MCP.Example.com/mcp/", "https://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com:443/", "https://mcp.example.com")]
    [InlineData("https://mcp.example.com:8443/a/b?x=1", "https://mcp.example.com:8443/a/b")]
    [InlineData("http://127.0.0.1:4100/mcp", "http://127.0.0.1:4100/mcp")]
    public void The_resource_is_the_canonical_server_uri(string url, string expected) =>
        Assert.Equal(expected, RemoteUrlRules.CanonicalResource(new Uri(url)));
}
