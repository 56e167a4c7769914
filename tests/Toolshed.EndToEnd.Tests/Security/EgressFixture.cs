using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Runtime.Docker.Egress;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// A network this run creates, with two test HTTP hosts on it addressed by name, and a daemon whose egress sidecars
/// use that network as their way out. Host A answers on 8080 and 9090 as api.allowed.test and allowed.test; host B
/// on 8080 as other.test and evilallowed.test. Disposal removes workloads, hosts and the network.
/// </summary>
public sealed class EgressFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-egress");
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public DaemonHost Daemon { get; private set; } = null!;

    public HttpClient Api => Daemon.Client;

    public string Network => $"toolshed-test-egress-{_suffix}";

    public string HostA => $"toolshed-test-host-a-{_suffix}";

    public string HostB => $"toolshed-test-host-b-{_suffix}";

    /// <summary>Host A's address on the test network, for "a direct connection goes nowhere" checks.</summary>
    public string HostAAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        await DockerCli.RunAsync("network", "create", "--label", "toolshed.test=egress", Network);
        await StartHostAsync(HostA, [8080, 9090], "api.allowed.test", "allowed.test");
        await StartHostAsync(HostB, [8080], "other.test", "evilallowed.test");
        HostAAddress = (await DockerCli.RunAsync("inspect", "-f", $"{{{{(index .NetworkSettings.Networks \"{Network}\").IPAddress}}}}", HostA)).Trim();
        Daemon = await DaemonHost.StartAsync(TestPaths.In(_home), CancellationToken.None, builder =>
            builder.Services.AddSingleton(new EgressOptions { OutboundNetwork = Network }));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var list = await Api.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
            foreach (var server in list.GetProperty("servers").EnumerateArray())
            {
                await Api.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}?force=true");
            }
        }
        finally
        {
            await Daemon.DisposeAsync();
            await DockerCli.TryAsync("rm", "-f", HostA, HostB);
            await DockerCli.TryAsync("network", "rm", Network);
            _home.Dispose();
        }
    }

    private async Task StartHostAsync(string name, int[] ports, params string[] aliases)
    {
        var script = $"const h=require('http');let n=0;for(const p of [{string.Join(',', ports)}])"
            + "h.createServer((q,s)=>s.end('" + name + " '+p)).listen(p,()=>{if(++n==" + ports.Length + ")console.log('ready')})";
        var arguments = new List<string> { "run", "-d", "--name", name, "--network", Network, "--label", "toolshed.test=egress" };
        foreach (var alias in aliases)
        {
            arguments.AddRange(["--network-alias", alias]);
        }

        arguments.AddRange([TestImages.Base, "node", "-e", script]);
        await DockerCli.RunAsync([.. arguments]);
        // Follow its output until it says it listens, rather than polling.
        using var logs = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", ["logs", "--follow", name])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            string? line;
            do
            {
                line = await logs.StandardOutput.ReadLineAsync(deadline.Token);
            }
            while (line is not null && !line.Contains("ready", StringComparison.Ordinal));

            Assert.True(line is not null, $"test host {name} stopped before it listened");
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"test host {name} did not start listening within 30 s");
        }
        finally
        {
            logs.Kill();
        }
    }
}
