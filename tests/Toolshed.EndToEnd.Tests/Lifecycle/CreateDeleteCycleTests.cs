using System.Globalization;
using System.Net;
using System.Net.Http.Json;
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

        // Only the daemon's own listeners count: tests running beside this one may be given a port it let go.
        var listening = _daemon.ListeningPorts();
        Assert.NotEmpty(listening);
        Assert.DoesNotContain(ports, listening.Contains);

        // Descriptors return to where they started, give or take the pooled connections and thread-pool handles of the
        // moment (they come and go with load, up to a dozen or two on a busy machine). A leak of one descriptor per cycle
        // would show as Cycles more, so the bound sits far below that and far above the noise.
        var descriptorsAfter = await SettledDescriptorsAsync(descriptorsBefore, ct);
        Assert.True(
            descriptorsAfter <= descriptorsBefore + (Cycles / 4),
            $"{descriptorsAfter - descriptorsBefore} more open descriptors after {Cycles} cycles ({descriptorsBefore} → {descriptorsAfter})");
    }

    /// <summary>The descriptor count once idle connections have had a few seconds to close.</summary>
    private async Task<int> SettledDescriptorsAsync(int before, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var count = _daemon.OpenFileDescriptors();
        while (count > before + 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            count = _daemon.OpenFileDescriptors();
        }

        return count;
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
