using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class RegistryArgumentFillerTests
{
    private static readonly RegistryServer s_server = new()
    {
        Name = "files",
        Image = "x/files:1",
        Args = ["--root={root}", "{mode}", "--literal", "{not-a-placeholder-here}"],
        Arguments =
        [
            new RegistryArgument { Name = "root", Required = true, Description = "the directory to serve" },
            new RegistryArgument { Name = "mode", Default = "ro" },
        ],
    };

    [Theory]
    [InlineData("a b")]
    [InlineData("it's \"quoted\"")]
    [InlineData("x; rm -rf / $(id) `id` | cat &")]
    public void Fill_HostileValue_StaysInsideItsOneElement(string value)
    {
        var filled = RegistryArgumentFiller.Fill(s_server, new Dictionary<string, string> { ["root"] = value });

        Assert.Equal(["--root=" + value, "ro", "--literal", "{not-a-placeholder-here}"], filled);
    }

    [Fact]
    public void Fill_GivenValueOutranksTheDefault() =>
        Assert.Equal("rw", RegistryArgumentFiller.Fill(s_server, new Dictionary<string, string> { ["root"] = "/d", ["mode"] = "rw" })[1]);

    [Fact]
    public void Fill_RequiredMissing_IsA400SayingHowToGiveIt()
    {
        var error = Assert.Throws<InvalidInputException>(() => RegistryArgumentFiller.Fill(s_server, null));

        Assert.Contains("needs root (the directory to serve)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--arg root=VALUE", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_UnknownName_IsA400NamingTheKnownOnes()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            RegistryArgumentFiller.Fill(s_server, new Dictionary<string, string> { ["root"] = "/d", ["rooot"] = "x" }));

        Assert.Contains("no argument named rooot; it takes root, mode", error.Message, StringComparison.Ordinal);
    }
}
