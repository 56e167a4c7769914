using System.Net.Http.Headers;
using Toolshed.Remote.OAuth;

namespace Toolshed.Remote.Tests;

public sealed class BearerChallengeTests
{
    [Fact]
    public void A_challenge_gives_its_error_scope_and_resource_metadata()
    {
        var challenge = BearerChallenge.Parse(new AuthenticationHeaderValue(
            "Bearer",
            "error=\"insufficient_scope\", scope=\"files:read files:write\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\", error_description=\"needs \\\"write\\\"\""));

        Assert.True(challenge.InsufficientScope);
        Assert.Equal("files:read files:write", challenge.Scope);
        Assert.Equal("needs \"write\"", challenge.ErrorDescription);
        Assert.Equal(new Uri("https://mcp.example.com/.well-known/oauth-protected-resource"), challenge.ResourceMetadata);
    }

    [Fact]
    public void Tokens_without_quotes_are_read_too() =>
        Assert.Equal("invalid_token", BearerChallenge.ParseParameters("error=invalid_token, realm=mcp")["error"]);

    [Fact]
    public void An_oversized_challenge_is_ignored() =>
        Assert.Empty(BearerChallenge.ParseParameters("error=\"" + new string('x', 9000) + "\""));

    [Fact]
    public void Arbitrary_text_never_throws()
    {
        var random = new Random(20261203);
        const string alphabet = "ab=\",\\ \t=scope\"error";
        for (var i = 0; i < 5000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 64)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            _ = BearerChallenge.ParseParameters(text);
        }
    }
}
