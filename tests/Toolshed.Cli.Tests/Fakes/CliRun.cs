using Toolshed.Cli.Daemon;
using Toolshed.Core.Configuration;
using Toolshed.Testing;

namespace Toolshed.Cli.Tests.Fakes;

/// <summary>Runs `shed` in-process against a daemon URL, capturing stdout, stderr and the exit code.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(Uri apiUrl, IDaemonLauncher? launcher = null, TimeSpan? startTimeout = null, params string[] args) =>
        await RunAsync(apiUrl, paths: null, launcher, startTimeout, args);

    /// <summary>Against a real daemon, as a user of its state root: shed finds the daemon's token by itself.</summary>
    public static Task<CliRun> RunAsync(DaemonHost daemon, params string[] args) =>
        RunAsync(daemon.BaseAddress, daemon.GetService<ToolshedPaths>(), launcher: null, startTimeout: null, args);

    private static async Task<CliRun> RunAsync(Uri apiUrl, ToolshedPaths? paths, IDaemonLauncher? launcher, TimeSpan? startTimeout, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var home = Path.Combine(Path.GetTempPath(), "shed-cli-tests-" + Guid.NewGuid().ToString("N"));
        var context = new CliContext(stdout, stderr)
        {
            ApiUrl = apiUrl.AbsoluteUri,
            DaemonLauncher = launcher ?? new FakeDaemonLauncher(),
            Paths = paths ?? new ToolshedPaths(Path.Combine(home, "state"), Path.Combine(home, "config"), Path.Combine(home, "data")),
            StartTimeout = startTimeout ?? TimeSpan.FromSeconds(10),
            LogPollInterval = TimeSpan.FromMilliseconds(20),
        };
        try
        {
            var code = await ShedApp.RunAsync(args, context);
            return new CliRun(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    public static Task<CliRun> RunAsync(Uri apiUrl, params string[] args) => RunAsync(apiUrl, null, null, args);
}
