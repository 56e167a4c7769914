using Toolshed.Cli.Commands;

namespace Toolshed.Cli.Tests;

public sealed class LocalPackagePathTests
{
    [Theory]
    [InlineData("npx://./server", "/home/me/work", "npx:///home/me/work/server")]
    [InlineData("go://../tools/echo", "/home/me/work", "go:///home/me/tools/echo")]
    [InlineData("uvx:///abs/py", "/home/me", "uvx:///abs/py")]
    [InlineData("npx://@org/server@1.0", "/home/me", "npx://@org/server@1.0")]
    [InlineData("ghcr.io/org/server:1", "/home/me", "ghcr.io/org/server:1")]
    [InlineData("fetch", "/home/me", "fetch")]
    public void Resolve_RelativeLocalSources_BecomeAbsoluteAndNothingElseChanges(string reference, string cwd, string expected) =>
        Assert.Equal(expected, LocalPackagePath.Resolve(reference, cwd));
}
