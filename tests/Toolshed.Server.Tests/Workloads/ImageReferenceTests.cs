using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine")]
    [InlineData("mcp/fetch")]
    [InlineData("toolshed-test/everything:test")]
    [InlineData("ghcr.io/github/github-mcp-server:latest")]
    [InlineData("localhost:5000/team/server:v1.2.3")]
    [InlineData("localhost/server")]
    [InlineData("registry.example.com:443/a/b/c")]
    [InlineData("my_org/my__server-name.x")]
    [InlineData("alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("Registry.Example.com/org/server")]
    [InlineData("[::1]:5000/server:tag")]
    public void Problem_ValidReference_IsNull(string reference)
    {
        Assert.Null(ImageReference.Problem(reference));
    }

    [Theory]
    [InlineData("UPPER/Case::x")]
    [InlineData("UPPER/case:tag")]
    [InlineData("Upper")]
    [InlineData("org/Server")]
    [InlineData("a::b")]
    [InlineData("a:b:c")]
    [InlineData("server:")]
    [InlineData("server:-tag")]
    [InlineData("server:.tag")]
    [InlineData("-server")]
    [InlineData("server-")]
    [InlineData("org//server")]
    [InlineData("org/")]
    [InlineData("/server")]
    [InlineData("ser ver")]
    [InlineData("server@sha256:abc")]
    [InlineData("server@")]
    [InlineData("a...b")]
    [InlineData("host:port/server")]
    public void Problem_InvalidReference_SaysWhy(string reference)
    {
        Assert.NotNull(ImageReference.Problem(reference));
    }

    [Fact]
    public void Problem_TagLongerThan128_IsRefused()
    {
        Assert.Null(ImageReference.Problem("server:" + new string('a', 128)));
        Assert.NotNull(ImageReference.Problem("server:" + new string('a', 129)));
    }

    [Fact]
    public void Problem_NameLongerThan255_IsRefused()
    {
        Assert.NotNull(ImageReference.Problem(string.Join('/', Enumerable.Repeat(new string('a', 60), 5))));
    }
}
