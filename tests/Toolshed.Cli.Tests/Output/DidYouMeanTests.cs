using Toolshed.Cli.Output;

namespace Toolshed.Cli.Tests.Output;

public sealed class DidYouMeanTests
{
    private static readonly string[] s_verbs = ["run", "list", "stop", "restart", "rm", "logs", "inspect", "registry", "search", "serve", "daemon"];

    [Theory]
    [InlineData("lsit", "list")]
    [InlineData("LIST", "list")]
    [InlineData("restrat", "restart")]
    [InlineData("insepct", "inspect")]
    [InlineData("regsitry", "registry")]
    [InlineData("deamon", "daemon")]
    public void Suggest_Typo_FindsTheVerb(string typo, string expected) =>
        Assert.Equal([expected], DidYouMean.Suggest(typo, s_verbs));

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("x")]
    [InlineData("")]
    public void Suggest_NothingClose_IsEmpty(string word) => Assert.Empty(DidYouMean.Suggest(word, s_verbs));

    [Fact]
    public void Suggest_Tie_ListsBothInCandidateOrder() =>
        Assert.Equal(["step", "stop"], DidYouMean.Suggest("stap", ["step", "list", "stop"]));

    [Fact]
    public void Suggest_OptionByItsLastPart_FindsIt() =>
        Assert.Equal(["--proxy-port", "--target-port"], DidYouMean.Suggest("--prot", ["--name", "--proxy-port", "--target-port", "--transport"]));

    [Fact]
    public void Sentence_TwoMatches_NamesBoth() =>
        Assert.Equal(" Did you mean 'stop' or 'step'?", DidYouMean.Sentence("stap", ["stop", "step", "list"]));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abcd", "abdc", 1)]
    [InlineData("", "abc", 3)]
    public void Distance_KnownPairs(string a, string b, int expected) => Assert.Equal(expected, DidYouMean.Distance(a, b));
}
