using Toolshed.Remote.OAuth;

namespace Toolshed.Remote.Tests;

public sealed class TokenEndpointAuthTests
{
    [Theory]
    [InlineData(new string[0], true, "client_secret_basic")]
    [InlineData(new[] { "client_secret_post" }, true, "client_secret_post")]
    [InlineData(new[] { "client_secret_post", "client_secret_basic" }, true, "client_secret_basic")]
    [InlineData(new[] { "private_key_jwt" }, true, "client_secret_basic")]
    [InlineData(new[] { "client_secret_basic" }, false, "none")]
    public void Choose_FollowsTheServersMetadataWithBasicAsTheDefault(string[] supported, bool hasSecret, string expected) =>
        Assert.Equal(expected, TokenEndpointAuth.Choose(supported, hasSecret));
}
