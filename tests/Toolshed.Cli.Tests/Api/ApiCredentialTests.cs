using Toolshed.Cli.Api;
using Toolshed.Core.Configuration;
using Toolshed.Server.Api.Auth;
using Toolshed.Testing;

namespace Toolshed.Cli.Tests.Api;

public sealed class ApiCredentialTests
{
    [Fact]
    public void Current_EnvironmentTokenSet_WinsOverTheFile()
    {
        using var home = new TemporaryDirectory();
        var paths = PathsUnder(home.Path);
        ApiTokenFile.LoadOrCreate(paths.ApiTokenPath, out _);

        var token = ApiCredential.For(new Uri("http://127.0.0.1:8080/"), paths, name => name == ApiCredential.EnvironmentVariable ? " eyJ.token.sig " : null);

        Assert.Equal("eyJ.token.sig", token.Current());
    }

    [Fact]
    public void Current_LoopbackUrl_ReadsTheStateRootsTokenFile()
    {
        using var home = new TemporaryDirectory();
        var paths = PathsUnder(home.Path);
        var written = ApiTokenFile.LoadOrCreate(paths.ApiTokenPath, out _);

        var token = ApiCredential.For(new Uri("http://localhost:18181/"), paths, _ => null);

        Assert.Equal(written, token.Current());
    }

    [Fact]
    public void Current_RemoteUrl_NeverSendsTheLocalTokenFile()
    {
        using var home = new TemporaryDirectory();
        var paths = PathsUnder(home.Path);
        ApiTokenFile.LoadOrCreate(paths.ApiTokenPath, out _);

        var token = ApiCredential.For(new Uri("http://toolshed.example:8080/"), paths, _ => null);

        Assert.Null(token.Current());
    }

    [Fact]
    public void Current_NoFileYet_IsNullThenPicksUpTheFileOnceWritten()
    {
        using var home = new TemporaryDirectory();
        var paths = PathsUnder(home.Path);
        var token = ApiCredential.For(new Uri("http://127.0.0.1:8080/"), paths, _ => null);
        Assert.Null(token.Current());

        var written = ApiTokenFile.LoadOrCreate(paths.ApiTokenPath, out _);

        Assert.Equal(written, token.Current());
    }

    private static ToolshedPaths PathsUnder(string root)
    {
        var paths = new ToolshedPaths(Path.Combine(root, "state"), Path.Combine(root, "config"), Path.Combine(root, "data"));
        paths.EnsureCreated();
        return paths;
    }
}
