using Toolshed.Cli.Tests.Fakes;

namespace Toolshed.Cli.Tests.Commands;

/// <summary>`shed daemon uninstall --purge` asks first, through the console seam, and removes nothing unless told yes.</summary>
public sealed class PurgeConfirmationTests
{
    private static readonly Uri s_nowhere = new("http://127.0.0.1:9/");

    [Fact]
    public async Task Purge_AnsweredNo_RemovesNothingAndFails()
    {
        var run = await CliRun.RunAsync(s_nowhere, new CliInput("n\n", Interactive: true), "daemon", "uninstall", "--purge");

        Assert.Equal(ShedApp.ExitFailure, run.ExitCode);
        Assert.Contains("Remove all of it? [y/N]", run.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing was removed.", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Removed ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_WithoutATerminalOrYes_IsAUsageErrorThatNamesTheFlag()
    {
        var run = await CliRun.RunAsync(s_nowhere, new CliInput("y\n"), "daemon", "uninstall", "--purge");

        Assert.Equal(ShedApp.ExitUsage, run.ExitCode);
        Assert.Contains("add --yes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Remove all of it?", run.Out, StringComparison.Ordinal);
    }
}
