using System.Globalization;
using Toolshed.Server.Api.Auth;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Telemetry;

/// <summary>
/// A real `shed serve --metrics-address 127.0.0.1:PORT` (its Prometheus endpoint on a free port of its own) and the
/// metrics token it wrote to <c>&lt;state&gt;/metrics-token</c>. Disposal deletes every workload.
/// </summary>
public sealed class MetricsDaemonFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-tel-prom");

    public DaemonProcess Daemon { get; private set; } = null!;

    public Uri MetricsUrl { get; private set; } = null!;

    public string MetricsToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        var port = DaemonProcess.FreePort();
        Daemon = await DaemonProcess.StartAsync(
            _home.Path,
            0,
            new Dictionary<string, string>(),
            ["--metrics-address", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            ct);
        MetricsUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/metrics");
        MetricsToken = ApiTokenFile.Read(Path.Combine(_home.Path, "state", "metrics-token"))
            ?? throw new InvalidOperationException($"The daemon answers but wrote no metrics token:\n{Daemon.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Daemon is not null)
            {
                await TelemetryWorkloads.DeleteAllAsync(Daemon);
                await Daemon.DisposeAsync();
            }
        }
        finally
        {
            _home.Dispose();
        }
    }
}
