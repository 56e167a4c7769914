using System.Formats.Tar;
using System.Text;
using Toolshed.Core.Runtime;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.Runtime.Docker.Tests.Networks;

/// <summary>Networks and image import on the real engine.</summary>
public sealed class NetworkAndImportTests
{
    [Fact]
    public async Task EnsureNetwork_Internal_IsCreatedOnceWithLabelsAndSubnet_ThenRemoved()
    {
        DockerTestScope.RequireEngine();
        await using var scope = new DockerTestScope();
        using var timeout = DockerTestScope.Timeout();
        var spec = new NetworkSpec { Name = $"toolshed-test-net-{scope.RunId[..12]}", Internal = true, HostUnreachable = true, Labels = scope.RunLabels };

        var created = await scope.Runtime.EnsureNetworkAsync(spec, timeout.Token);
        var again = await scope.Runtime.EnsureNetworkAsync(spec, timeout.Token);
        var listed = await scope.Runtime.ListNetworksAsync(scope.RunLabels, timeout.Token);
        await scope.Runtime.RemoveNetworkAsync(spec.Name, timeout.Token);
        await scope.Runtime.RemoveNetworkAsync(spec.Name, timeout.Token);

        Assert.Equal(created.Id, again.Id);
        Assert.True(created.Internal);
        Assert.Contains('/', Assert.Single(created.Subnets));
        Assert.Equal(scope.RunId, created.Labels[DockerTestScope.RunLabel]);
        Assert.Equal(spec.Name, Assert.Single(listed).Name);
        Assert.Null(await scope.Runtime.InspectNetworkAsync(spec.Name, timeout.Token));
    }

    [Fact]
    public async Task ConnectNetwork_Alias_IsResolvableByAnotherMember_AndAddressesAreReported()
    {
        DockerTestScope.RequireEngine();
        await using var scope = new DockerTestScope();
        using var timeout = DockerTestScope.Timeout();
        var network = $"toolshed-test-net-{scope.RunId[..12]}";
        await scope.Runtime.EnsureNetworkAsync(new NetworkSpec { Name = network, Internal = true, Labels = scope.RunLabels }, timeout.Token);
        try
        {
            var server = scope.Spec(TestImages.Base, "alias") with
            {
                Arguments = ["node", "-e", "require('http').createServer((q,s)=>s.end('pong')).listen(7000)"],
                NetworkMode = "bridge",
                OpenStdin = false,
            };
            var serverId = await scope.Runtime.CreateContainerAsync(server, timeout.Token);
            await scope.Runtime.ConnectNetworkAsync(serverId, network, ["pong.test"], timeout.Token);
            await scope.Runtime.StartContainerAsync(serverId, timeout.Token);
            var client = scope.Spec(TestImages.Base, "client") with
            {
                NetworkMode = network,
                Arguments = ["node", "-e", "const f=()=>require('http').get('http://pong.test:7000',r=>r.on('data',d=>{console.log(String(d));process.exit(0)})).on('error',()=>setTimeout(f,100));f()"],
                OpenStdin = false,
            };
            var clientId = await scope.Runtime.CreateContainerAsync(client, timeout.Token);
            await scope.Runtime.StartContainerAsync(clientId, timeout.Token);

            Assert.Equal(0, await scope.Runtime.WaitForExitAsync(clientId, timeout.Token));
            var output = new StringBuilder();
            await foreach (var line in scope.Runtime.GetLogsAsync(clientId, new WorkloadLogOptions(), timeout.Token))
            {
                output.Append(line.Text);
            }

            Assert.Equal("pong", output.ToString());
            var details = await scope.Runtime.InspectContainerAsync(serverId, timeout.Token);
            Assert.True(details!.NetworkAddresses.ContainsKey(network));
        }
        finally
        {
            // Members first: the engine refuses to remove a network that still has containers.
            foreach (var container in await scope.Runtime.ListContainersAsync(scope.RunLabels, all: true, CancellationToken.None))
            {
                await scope.Runtime.RemoveContainerAsync(container.Id, force: true, CancellationToken.None);
            }

            await scope.Runtime.RemoveNetworkAsync(network, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ImportImage_FromATarball_RunsAndIsListed_ThenRemoved()
    {
        DockerTestScope.RequireEngine();
        await using var scope = new DockerTestScope();
        using var timeout = DockerTestScope.Timeout();
        var repository = $"toolshed-test/import-{scope.RunId[..12]}";
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var content = new MemoryStream("imported\n"u8.ToArray());
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = content }, timeout.Token);
        }

        tar.Position = 0;
        await scope.Runtime.ImportImageAsync($"{repository}:one", tar, timeout.Token);

        Assert.True(await scope.Runtime.ImageExistsAsync($"{repository}:one", timeout.Token));
        Assert.Equal([$"{repository}:one"], await scope.Runtime.ListImageTagsAsync(repository, timeout.Token));
        Assert.True(await scope.Runtime.RemoveImageAsync($"{repository}:one", timeout.Token));
        Assert.False(await scope.Runtime.RemoveImageAsync($"{repository}:one", timeout.Token));
        Assert.Empty(await scope.Runtime.ListImageTagsAsync(repository, timeout.Token));
    }
}
