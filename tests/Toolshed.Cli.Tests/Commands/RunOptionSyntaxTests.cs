using Toolshed.Cli.Commands;

namespace Toolshed.Cli.Tests.Commands;

public sealed class RunOptionSyntaxTests
{
    [Theory]
    [InlineData("A=1")]
    [InlineData("EMPTY=")]
    [InlineData("URL=http://x/?a=b")]
    public void CheckEnv_KeyEqualsValue_IsAccepted(string value) => Assert.Null(RunOptionSyntax.CheckEnv(value));

    [Fact]
    public void TryParseSecret_NameAndTarget_GivesBoth()
    {
        Assert.True(RunOptionSyntax.TryParseSecret("gh, target=GITHUB_TOKEN", out var secret, out _));
        Assert.Equal("gh", secret.Name);
        Assert.Equal("GITHUB_TOKEN", secret.Target);
    }

    [Theory]
    [InlineData("/a:/b")]
    [InlineData("./rel:/b:ro")]
    [InlineData("/a:/b:rw")]
    public void CheckVolume_WellFormed_IsAccepted(string value) => Assert.Null(RunOptionSyntax.CheckVolume(value));

    [Theory]
    [InlineData("none")]
    [InlineData("network")]
    public void CheckPermissionProfile_BuiltIn_IsAccepted(string value) => Assert.Null(RunOptionSyntax.CheckPermissionProfile(value));
}
