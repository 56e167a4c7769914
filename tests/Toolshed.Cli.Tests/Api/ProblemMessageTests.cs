using System.Net;
using Toolshed.Cli.Api;

namespace Toolshed.Cli.Tests.Api;

public sealed class ProblemMessageTests
{
    [Fact]
    public void From_DetailAndHint_JoinsThemAsSentences() =>
        Assert.Equal(
            "Image 'x' was not found. Check the name",
            ProblemMessage.From(HttpStatusCode.BadRequest, """{"detail":"Image 'x' was not found","hint":"Check the name"}""").TrimEnd('.'));

    [Fact]
    public void From_TitleOnly_UsesTitle() =>
        Assert.Equal("Malformed request.", ProblemMessage.From(HttpStatusCode.BadRequest, """{"title":"Malformed request"}"""));

    [Fact]
    public void From_NotJson_NamesTheStatusAndTheLog() =>
        Assert.Contains("502", ProblemMessage.From(HttpStatusCode.BadGateway, "<html>bad gateway</html>"), StringComparison.Ordinal);

    [Fact]
    public void Resolve_NotAUrl_SaysHowToSetIt()
    {
        var error = Assert.Throws<CliException>(() => ApiEndpoint.Resolve("127.0.0.1:8080"));

        Assert.Contains("http://127.0.0.1:8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoTrailingSlash_AddsOne() =>
        Assert.Equal("http://127.0.0.1:9000/", ApiEndpoint.Resolve("http://127.0.0.1:9000").AbsoluteUri);
}
