using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Servers;

/// <summary>
/// One real daemon (in-process, real Kestrel on 127.0.0.1, real Docker engine) with its own TOOLSHED_HOME, shared by
/// the tests of a class. Disposal deletes every workload and then checks that none of its containers are left.
/// </summary>
public sealed class ServersApiFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-e2e");

    public DaemonHost Daemon { get; private set; } = null!;

    public HttpClient Api => Daemon.Client;

    public string Home => _home.Path;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        Daemon = await DaemonHost.StartAsync(TestPaths.In(_home), CancellationToken.None);
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
            _home.Dispose();
        }
    }

    /// <summary>Containers of this daemon's instance still known to the engine.</summary>
    public async Task<IReadOnlyList<ContainerDetails>> OwnContainersAsync(string? workloadName = null)
    {
        var runtime = Daemon.GetService<IContainerEngine>();
        var filter = new Dictionary<string, string> { [ToolshedLabels.Managed] = ToolshedLabels.ManagedValue };
        if (workloadName is not null)
        {
            filter[ToolshedLabels.Name] = workloadName;
        }

        var all = await runtime.ListContainersAsync(filter, all: true, CancellationToken.None);
        var own = all.Where(c => c.Labels.GetValueOrDefault(ToolshedLabels.Instance) == Daemon.InstanceId).ToList();
        return own;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 63)];
}
