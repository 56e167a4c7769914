using Toolshed.Core.Errors;
using Toolshed.Core.Remote;

namespace Toolshed.Remote.Tests;

public sealed class HeaderTemplateTests
{
    [Fact]
    public void A_header_line_splits_at_its_first_colon()
    {
        var header = HeaderTemplate.Parse("Authorization: Bearer {secret:github-pat}");

        Assert.Equal("Authorization", header.Name);
        Assert.Equal("Bearer {secret:github-pat}", header.Value);
        Assert.Equal(["github-pat"], HeaderTemplate.SecretNamesIn(header));
    }

    [Theory]
    [InlineData("no colon here", "is not 'Name: value'")]
    [InlineData("Bad Name: x", "is not a header name")]
    [InlineData("Host: evil.example", "set by Toolshed itself")]
    [InlineData("mcp-session-id: abc", "set by Toolshed itself")]
    [InlineData("X-Key: {secret:bad name}", "does not name a valid secret")]
    [InlineData("Authorization: Bearer {secret:toolshed.oauth.other}", "one of Toolshed's own secrets")]
    [InlineData("X-Key: {secret:unfinished", "unfinished {secret:")]
    public void Bad_headers_are_refused_saying_why(string line, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => HeaderTemplate.Parse(line));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("headers", error.Field);
    }

    [Fact]
    public void A_value_with_a_line_break_is_refused()
    {
        Assert.Throws<InvalidInputException>(() => HeaderTemplate.Validate(new RemoteHeader("X-Key", "a\r\nInjected: yes")));
    }

    [Fact]
    public async Task Resolving_fills_every_reference_and_keeps_the_rest()
    {
        var header = HeaderTemplate.Parse("X-Keys: a={secret:one};b={secret:two};c=plain");
        var secrets = new Dictionary<string, string> { ["one"] = "111", ["two"] = "222" };

        var value = await HeaderTemplate.ResolveAsync(header, (name, _) => Task.FromResult(secrets.GetValueOrDefault(name)), CancellationToken.None);

        Assert.Equal("a=111;b=222;c=plain", value);
    }

    [Fact]
    public async Task A_missing_secret_is_named_and_no_value_is_shown()
    {
        var header = HeaderTemplate.Parse("Authorization: Bearer {secret:pat}");

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => HeaderTemplate.ResolveAsync(header, (_, _) => Task.FromResult<string?>(null), CancellationToken.None));

        Assert.Contains("'pat'", error.Message, StringComparison.Ordinal);
        Assert.Contains("shed secret set pat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_holding_a_line_break_cannot_split_the_header()
    {
        var header = HeaderTemplate.Parse("X-Key: {secret:k}");

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => HeaderTemplate.ResolveAsync(header, (_, _) => Task.FromResult<string?>("v\r\nX-Other: 1"), CancellationToken.None));

        Assert.DoesNotContain("X-Other", error.Message, StringComparison.Ordinal);
    }
}
