using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker.Tests;

public sealed class ContainerSpecMapperTests
{
    private static readonly ContainerSpec s_spec = new()
    {
        Name = "srv",
        Image = "img:1",
        Arguments = ["--flag", "value with space"],
        Environment = new Dictionary<string, string> { ["API_KEY"] = "s3cret=x" },
        Labels = new Dictionary<string, string> { ["toolshed"] = "true" },
        Mounts = [new ContainerMount("/host/ro", "/data", ReadOnly: true), new ContainerMount("/host/rw", "/work", ReadOnly: false)],
        PortBindings = [new ContainerPortBinding(8080), new ContainerPortBinding(9090, "0.0.0.0", 19090)],
        OpenStdin = true,
        MemoryLimitBytes = 256 * 1024 * 1024,
        PidsLimit = 64,
    };

    [Fact]
    public void ToCreateParameters_AnySpec_DropsAllCapabilitiesAndNewPrivileges()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(s_spec with { MemoryLimitBytes = null, PidsLimit = null });

        Assert.Equal(["ALL"], parameters.HostConfig!.CapDrop);
        Assert.Equal(["no-new-privileges"], parameters.HostConfig!.SecurityOpt);
        Assert.False(parameters.Tty);
        Assert.Equal(0, parameters.HostConfig!.Memory);
        Assert.Null(parameters.HostConfig!.PidsLimit);
    }

    [Fact]
    public void ToCreateParameters_SidecarSpec_MapsUserReadOnlyRootAndAliasesOnItsNetwork()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(s_spec with
        {
            NetworkMode = "toolshed-demo-net",
            NetworkAliases = ["toolshed-egress"],
            User = "65534:65534",
            ReadOnlyRootFilesystem = true,
        });

        Assert.Equal("65534:65534", parameters.User);
        Assert.True(parameters.HostConfig!.ReadonlyRootfs);
        Assert.Equal(["toolshed-egress"], parameters.NetworkingConfig!.EndpointsConfig["toolshed-demo-net"].Aliases);
    }

    [Fact]
    public void ToCreateParameters_AliasesWithoutANamedNetwork_AreNotSent()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(s_spec with { NetworkMode = "bridge", NetworkAliases = ["x"] });

        Assert.Null(parameters.NetworkingConfig);
        Assert.False(parameters.HostConfig!.ReadonlyRootfs);
        Assert.True(string.IsNullOrEmpty(parameters.User));
    }

    [Fact]
    public void ToCreateParameters_NullNetwork_None()
    {
        Assert.Equal("none", ContainerSpecMapper.ToCreateParameters(s_spec).HostConfig!.NetworkMode);
        Assert.Equal("bridge", ContainerSpecMapper.ToCreateParameters(s_spec with { NetworkMode = "bridge" }).HostConfig!.NetworkMode);
    }

    [Fact]
    public void ToCreateParameters_FullSpec_MapsEveryField()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(s_spec);

        Assert.Equal("srv", parameters.Name);
        Assert.Equal("img:1", parameters.Image);
        Assert.Equal(["--flag", "value with space"], parameters.Cmd);
        Assert.Equal(["API_KEY=s3cret=x"], parameters.Env);
        Assert.Equal("true", parameters.Labels!["toolshed"]);
        Assert.Equal(["/host/ro:/data:ro", "/host/rw:/work:rw"], parameters.HostConfig!.Binds);
        Assert.True(parameters.OpenStdin);
        Assert.False(parameters.StdinOnce);
        Assert.True(parameters.AttachStdin && parameters.AttachStdout && parameters.AttachStderr);
        Assert.Equal(256 * 1024 * 1024, parameters.HostConfig!.Memory);
        Assert.Equal(64, parameters.HostConfig!.PidsLimit);
        var chosen = Assert.Single(parameters.HostConfig!.PortBindings["8080/tcp"]);
        Assert.Equal(("127.0.0.1", ""), (chosen.HostIP, chosen.HostPort));
        var fixedPort = Assert.Single(parameters.HostConfig!.PortBindings["9090/tcp"]);
        Assert.Equal(("0.0.0.0", "19090"), (fixedPort.HostIP, fixedPort.HostPort));
        Assert.Contains("8080/tcp", parameters.ExposedPorts!.Keys);
    }

    [Fact]
    public void ToCreateParameters_NoArguments_KeepsImageCmd()
    {
        Assert.Null(ContainerSpecMapper.ToCreateParameters(s_spec with { Arguments = [] }).Cmd);
    }
}
