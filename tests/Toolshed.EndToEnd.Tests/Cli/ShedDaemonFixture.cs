using Toolshed.EndToEnd.Tests.Telemetry;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>A real `shed serve`, and `shed` pointed at it the way a user's shell would be (dashboard, stats and top tests).</summary>
public sealed class ShedDaemonFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-shed");

    public DaemonProcess Daemon { get; private set; } = null!;

    public Uri BaseUrl => Daemon.Client.BaseAddress!;

    /// <summary>The TOOLSHED_HOME a shell needs for its `shed` to find this daemon.</summary>
    public string Home => _home.Path;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        Daemon = await DaemonProcess.StartAsync(_home.Path, 0, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the real shed against this daemon (found through TOOLSHED_HOME, as a user's would be).</summary>
    internal Task<ShedScript.Result> ShedAsync(params string[] arguments) =>
        ShedDll.RunAsync(new Dictionary<string, string> { ["TOOLSHED_HOME"] = _home.Path }, arguments);

    /// <summary>A fresh one-time login link from `shed ui --no-open`.</summary>
    public async Task<string> LoginLinkAsync()
    {
        var result = await ShedAsync("ui", "--no-open");
        Assert.True(result.ExitCode == 0, $"shed ui exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http://", StringComparison.Ordinal));
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
