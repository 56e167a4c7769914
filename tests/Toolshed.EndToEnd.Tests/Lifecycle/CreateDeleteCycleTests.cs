using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Text.Json;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Lifecycle;

/// <summary>Hundreds of create/delete cycles leave no container, no listening port and no file descriptor behind.</summary>
public sealed class CreateDeleteCycleTests : IAsyncLifetime
{
    private const int Cycles = 200;
    private readonly TemporaryDirectory _home = new("toolshed-cycles");
    private DaemonProcess _daemon = null!;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        _daemon = await DaemonProcess.StartAsync(_home.Path, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task CreateDelete_200CyclesWithConcurrentReader_LeavesNothingBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = _daemon.Client;

        // Warm up once so lazily created resources (connection pools, SQLite, the engine client) exist before counting.
        await CycleAsync(api, "warmup", ct);
        var descriptorsBefore = _daemon.OpenFileDescriptors();

        using var stopReader = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var listings = 0;
        var reader = Task.Run(
            async () =>
            {
                while (!stopReader.IsCancellationRequested)
                {
                    using var response = await api.GetAsync("api/v1beta/servers?all=true", stopReader.Token);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Interlocked.Increment(ref listings);
                }
            },
            stopReader.Token);

        var ports = new List<int>();
        for (var i = 0; i < Cycles; i++)
        {
            ports.Add(await CycleAsync(api, $"cycle-{i.ToString(CultureInfo.InvariantCulture)}", ct));
        }

        await stopReader.CancelAsync();
        try
        {
            await reader;
        }
        catch (OperationCanceledException)
        {
            // Told to stop in the middle of a request rather than between two: both are a clean stop.
        }
        Assert.True(listings > 0, "the concurrent reader never listed");

        var list = await api.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true", ct);
        Assert.Equal(0, list.GetProperty("servers").GetArrayLength());
        var containers = await RuntimeFactory.ListAsync(
            new Dictionary<string, string> { [ToolshedLabels.Managed] = ToolshedLabels.ManagedValue }, ct);
        Assert.DoesNotContain(containers, c => c.Name.StartsWith("toolshed-cycle-", StringComparison.Ordinal));

        var listening = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(e => e.Port).ToHashSet();
        Assert.DoesNotContain(ports, listening.Contains);

        // Descriptors return to where they started, give or take the pooled connections of the moment.
        Assert.InRange(_daemon.OpenFileDescriptors(), 0, descriptorsBefore + 10);
    }

    private static async Task<int> CycleAsync(HttpClient api, string name, CancellationToken ct)
    {
        using var created = await api.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name }, ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var port = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("port").GetInt32();
        using var deleted = await api.DeleteAsync($"api/v1beta/servers/{name}", ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        return port;
    }
}
