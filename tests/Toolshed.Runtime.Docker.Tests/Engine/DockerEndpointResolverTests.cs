namespace Toolshed.Runtime.Docker.Tests;

public sealed class DockerEndpointResolverTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void GetCandidates_NothingSet_DockerThenRootfulPodman()
    {
        var candidates = DockerEndpointResolver.GetCandidates(null, Env());

        Assert.Equal(["unix:///var/run/docker.sock", "unix:///run/podman/podman.sock"], candidates.Select(c => c.ToString()));
    }

    [Fact]
    public void GetCandidates_XdgRuntimeDir_AddsRootlessSocketsInOrder()
    {
        var candidates = DockerEndpointResolver.GetCandidates(null, Env(("XDG_RUNTIME_DIR", "/run/user/1000")));

        Assert.Equal(
            [
                "unix:///var/run/docker.sock",
                "unix:///run/user/1000/docker.sock",
                "unix:///run/user/1000/podman/podman.sock",
                "unix:///run/podman/podman.sock",
            ],
            candidates.Select(c => c.ToString()));
    }

    [Fact]
    public void GetCandidates_DockerHostSet_OnlyDockerHost()
    {
        var candidates = DockerEndpointResolver.GetCandidates(
            null, Env(("DOCKER_HOST", "tcp://127.0.0.1:2375"), ("XDG_RUNTIME_DIR", "/run/user/1000")));

        Assert.Equal("tcp://127.0.0.1:2375/", Assert.Single(candidates).ToString());
    }

    [Fact]
    public void GetCandidates_ConfiguredEndpoint_WinsOverDockerHost()
    {
        var candidates = DockerEndpointResolver.GetCandidates(
            "unix:///tmp/engine.sock", Env(("DOCKER_HOST", "tcp://127.0.0.1:2375")));

        Assert.Equal("unix:///tmp/engine.sock", Assert.Single(candidates).ToString());
    }

    [Fact]
    public void GetCandidates_BlankDockerHost_Ignored()
    {
        var candidates = DockerEndpointResolver.GetCandidates(" ", Env(("DOCKER_HOST", "")));

        Assert.Equal(2, candidates.Count);
    }

    [Fact]
    public void Parse_BarePath_BecomesUnixUri()
    {
        Assert.Equal("unix:///tmp/x.sock", DockerEndpointResolver.Parse("/tmp/x.sock").ToString());
        Assert.Equal("/tmp/x.sock", DockerEndpointResolver.SocketPath(DockerEndpointResolver.Parse("/tmp/x.sock")));
    }

    [Fact]
    public void Parse_UnknownScheme_ThrowsWithAdvice()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpointResolver.Parse("ftp://example"));

        Assert.Contains("unix:///", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.52", "1.51")]
    [InlineData("garbage", null)]
    public void Negotiate_EngineVersion_CappedAtClientMaximum(string engine, string? expected)
    {
        Assert.Equal(expected, DockerApiVersionNegotiator.Negotiate(engine)?.ToString());
    }
}
