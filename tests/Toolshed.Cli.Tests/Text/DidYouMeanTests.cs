using Toolshed.Cli.Text;

namespace Toolshed.Cli.Tests.Text;

public sealed class DidYouMeanTests
{
    private static readonly string[] s_verbs = ["run", "list", "stop", "restart", "rm", "logs", "registry", "search", "serve", "daemon", "secret", "client", "tools", "group"];

    [Theory]
    [InlineData("lsit", "list")]
    [InlineData("regsitry", "registry")]
    [InlineData("SERCH", "search")]
    [InlineData("deamon", "daemon")]
    [InlineData("sec", "secret")]
    [InlineData("gorup", "group")]
    public void Suggest_Typo_FindsTheVerb(string typed, string expected)
    {
        var suggestions = DidYouMean.Suggest(typed, s_verbs);

        Assert.Equal(expected, suggestions[0]);
    }

    [Fact]
    public void Suggest_Flags_LeadingDashesDoNotWidenTheThreshold()
    {
        string[] flags = ["--name", "--port", "--proxy-port", "--transport", "--secret"];

        Assert.Equal(["--name"], DidYouMean.Suggest("--nmae", flags));
        Assert.Equal(["--port"], DidYouMean.Suggest("--prot", flags));
        Assert.Empty(DidYouMean.Suggest("--zz", flags));
    }

    [Fact]
    public void Suggest_SeveralClose_OrdersByDistanceThenName()
    {
        var suggestions = DidYouMean.Suggest("stat", ["start", "stats", "state", "status", "stop"]);

        Assert.Equal(["start", "state", "stats", "status"], suggestions);
    }

    [Fact]
    public void Suggest_FarOrEmpty_ReturnsNothing()
    {
        Assert.Empty(DidYouMean.Suggest("kubernetes", s_verbs));
        Assert.Empty(DidYouMean.Suggest("", s_verbs));
        Assert.Empty(DidYouMean.Suggest("---", s_verbs));
    }

    [Fact]
    public void Suggest_DuplicateCandidates_ReturnedOnce()
    {
        Assert.Equal(["fetch"], DidYouMean.Suggest("fetc", ["fetch", "fetch", ""]));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_KnownPairs_MatchOptimalStringAlignment(string a, string b, int expected)
    {
        Assert.Equal(expected, DidYouMean.Distance(a, b));
    }

    [Fact]
    public void Distance_PastTheLimit_StopsAtLimitPlusOne()
    {
        Assert.Equal(2, DidYouMean.Distance("abcdef", "uvwxyz", limit: 1));
    }

    [Fact]
    public void Suggest_OptionByItsLastWord_FindsEveryOptionEndingSo() =>
        Assert.Equal(["--proxy-port", "--target-port"], DidYouMean.Suggest("--prot", ["--name", "--proxy-port", "--target-port", "--transport"]));

    [Theory]
    [InlineData("lsit", " Did you mean 'list'?")]
    [InlineData("stap", " Did you mean 'step' or 'stop'?")]
    [InlineData("kubernetes", "")]
    public void Sentence_NamesEveryMatch(string input, string expected) =>
        Assert.Equal(expected, DidYouMean.Sentence(input, ["stop", "step", "list"]));
}
