using System.Diagnostics;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Disruptive;

/// <summary>Stops and starts the local dockerd, for tests that prove recovery from an engine restart.</summary>
internal static class EngineControl
{
    public static async Task RestartDockerdAsync(CancellationToken cancellationToken)
    {
        var pid = await RunAsync("pgrep", ["-x", "dockerd"], cancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(pid), "no dockerd process to restart: these tests restart a dockerd started by scripts/test");
        await RunAsync("kill", ["-TERM", pid.Split('\n')[0].Trim()], cancellationToken);
        await WaitAsync(async () => string.IsNullOrWhiteSpace(await RunAsync("pgrep", ["-x", "dockerd"], cancellationToken)), "dockerd exits", cancellationToken);

        var log = Environment.GetEnvironmentVariable("TOOLSHED_DOCKERD_LOG") ?? "/tmp/toolshed-dockerd.log";
        await RunAsync("sh", ["-c", $"nohup dockerd >>'{log}' 2>&1 &"], cancellationToken);
        await WaitAsync(async () => (await RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], cancellationToken)).Length > 0, "dockerd answers again", cancellationToken);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(timeout.Token))
        {
            if (await condition())
            {
                return;
            }
        }

        Assert.Fail($"timed out waiting until {what}");
    }

    private static async Task<string> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output.Trim();
    }
}
