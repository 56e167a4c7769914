namespace Toolshed.Cli.Tests.Commands;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("run fetch -e FOO")]
    [InlineData("run fetch -e =value")]
    [InlineData("run fetch --secret github-token")]
    [InlineData("run fetch --secret github-token,target=")]
    [InlineData("run fetch --secret github-token,GITHUB_TOKEN")]
    [InlineData("run fetch -v /only-one-part")]
    [InlineData("run fetch -v /data:relative")]
    [InlineData("run fetch -v /data:/data:rx")]
    [InlineData("run fetch --transport websocket")]
    [InlineData("run fetch --target-port 0")]
    [InlineData("run fetch --proxy-port 70000")]
    [InlineData("run fetch --permission-profile /no/such/profile.json")]
    [InlineData("run fetch --format xml")]
    [InlineData("list --format yaml")]
    [InlineData("list extra")]
    [InlineData("stop")]
    [InlineData("restart")]
    [InlineData("rm")]
    [InlineData("logs")]
    [InlineData("logs fetch --tail 0")]
    [InlineData("logs fetch --tail many")]
    [InlineData("run fetch --target-port eighty")]
    [InlineData("serve --port http")]
    [InlineData("serve --port 70000")]
    [InlineData("registry add only-a-name")]
    [InlineData("registry info")]
    [InlineData("registry remove")]
    [InlineData("registry frobnicate")]
    [InlineData("search")]
    [InlineData("group")]
    [InlineData("group frobnicate")]
    [InlineData("group create")]
    [InlineData("group inspect")]
    [InlineData("group rm")]
    [InlineData("group rm dev fetch")]
    [InlineData("group add dev")]
    [InlineData("group remove dev")]
    [InlineData("group list extra")]
    [InlineData("group set dev")]
    [InlineData("group set dev --rename fetch")]
    [InlineData("group create dev --conflicts first")]
    [InlineData("group create dev --port http")]
    [InlineData("run fetch --group")]
    [InlineData("frobnicate")]
    public async Task RunAsync_BadArguments_ExitsWithUsageError(string commandLine)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ShedApp.RunAsync(commandLine.Split(' '), stdout, stderr);

        Assert.Equal(ShedApp.ExitUsage, code);
        Assert.StartsWith("shed: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Matches("shed( [a-z]+)? --help", stderr.ToString());
    }

    [Theory]
    [InlineData("run fetch -e FOO", "-e 'FOO' has no '='; write it as KEY=VALUE")]
    [InlineData("run fetch --secret github-token", "--secret NAME,target=ENV_VAR")]
    [InlineData("run fetch -v /data", "HOST_PATH:CONTAINER_PATH")]
    [InlineData("run fetch --transport websocket", "stdio, sse, streamable-http")]
    public async Task RunAsync_BadRunValue_SaysWhatToWrite(string commandLine, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        await ShedApp.RunAsync(commandLine.Split(' '), stdout, stderr);

        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lsit", "'lsit' is not a verb of `shed`. Did you mean 'list'?")]
    [InlineData("registry inof default", "'inof' is not a verb of `shed registry`. Did you mean 'info'?")]
    [InlineData("daemon stpo", "'stpo' is not a verb of `shed daemon`. Did you mean 'stop'?")]
    [InlineData("group inspcet dev", "'inspcet' is not a verb of `shed group`. Did you mean 'inspect'?")]
    [InlineData("gruop list", "'gruop' is not a verb of `shed`. Did you mean 'group'?")]
    [InlineData("list --al", "'--al': Did you mean '--all'?")]
    [InlineData("logs fetch --folow", "'--folow': Did you mean '--follow'?")]
    public async Task RunAsync_Typo_IsAUsageErrorWithDidYouMean(string commandLine, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ShedApp.RunAsync(commandLine.Split(' '), stdout, stderr);

        Assert.Equal(ShedApp.ExitUsage, code);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryVerb()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ShedApp.RunAsync(["--help"], stdout, stderr);

        Assert.Equal(ShedApp.ExitOk, code);
        foreach (var verb in new[] { "run", "list", "stop", "restart", "inspect", "rm", "logs", "registry", "search", "serve", "daemon", "version", "secret", "client", "proxy", "auth", "tools", "group" })
        {
            Assert.Matches($@"(?m)^\s+{verb}\b", stdout.ToString());
        }
    }

    [Fact]
    public async Task RunAsync_RegistryHelp_ListsSubcommands()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        await ShedApp.RunAsync(["registry", "--help"], stdout, stderr);

        foreach (var verb in new[] { "list", "info", "add", "remove" })
        {
            Assert.Matches($@"(?m)^\s+{verb}\b", stdout.ToString());
        }
    }

    [Fact]
    public async Task RunAsync_GroupHelp_ListsSubcommands()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        await ShedApp.RunAsync(["group", "--help"], stdout, stderr);

        foreach (var verb in new[] { "create", "list", "inspect", "rm", "add", "remove", "set" })
        {
            Assert.Matches($@"(?m)^\s+{verb}\b", stdout.ToString());
        }
    }
}
