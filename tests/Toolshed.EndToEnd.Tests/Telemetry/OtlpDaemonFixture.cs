using System.Diagnostics;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;
using Toolshed.Testing.Telemetry;

namespace Toolshed.EndToEnd.Tests.Telemetry;

/// <summary>
/// A real `shed serve --otel-endpoint URL --otel-headers SECRET` exporting to a real <see cref="OtlpReceiver"/>, the
/// way a user gets there: a first daemon takes the headers secret (`shed secret set`, the value on stdin), then the
/// daemon starts again with the flags. One stdio workload of the C# test server runs on it. The daemon logs at Trace
/// for Toolshed's categories, so the proof that the headers' value is never logged covers every level.
/// </summary>
public sealed class OtlpDaemonFixture : IAsyncLifetime
{
    public const string WorkloadName = "tel-otlp";
    public const string SecretName = "tel-otlp-headers";
    public const string HeaderName = "x-collector-key";

    private readonly TemporaryDirectory _home = new("toolshed-tel-otlp");

    /// <summary>Unique to the run, so finding it in a log can only mean the daemon wrote it.</summary>
    public string HeaderValue { get; } = "k-123-" + Guid.NewGuid().ToString("N");

    public OtlpReceiver Otlp { get; private set; } = null!;

    public DaemonProcess Daemon { get; private set; } = null!;

    /// <summary>The workload's proxy port.</summary>
    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        Otlp = await OtlpReceiver.StartAsync(ct);
        await using (var first = await DaemonProcess.StartAsync(_home.Path, cancellationToken: ct))
        {
            var set = await SetSecretAsync(SecretName, $"{HeaderName}={HeaderValue}");
            Assert.True(set.ExitCode == 0, set.ToString());
        }

        Daemon = await DaemonProcess.StartAsync(
            _home.Path,
            0,
            new Dictionary<string, string>
            {
                // Export at once, not after the SDK's defaults (5 s for spans, 60 s for metrics).
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["Logging__LogLevel__Default"] = "Trace",
            },
            ["--otel-endpoint", Otlp.BaseAddress.ToString(), "--otel-headers", SecretName],
            ct);
        Port = await TelemetryWorkloads.CreateAsync(Daemon, WorkloadName, ct);
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
            if (Otlp is not null)
            {
                await Otlp.DisposeAsync();
            }

            _home.Dispose();
        }
    }

    /// <summary>`shed secret set NAME` with the value piped on stdin, against the daemon of this home.</summary>
    private Task<ShedScript.Result> SetSecretAsync(string name, string value)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "shed.dll"));
        start.Environment.Remove("TOOLSHED_API_URL");
        start.Environment.Remove("TOOLSHED_API_TOKEN");
        start.Environment["TOOLSHED_HOME"] = _home.Path;
        return CliProcess.RunAsync(start, ["secret", "set", name], TimeSpan.FromMinutes(2), input: value);
    }
}
