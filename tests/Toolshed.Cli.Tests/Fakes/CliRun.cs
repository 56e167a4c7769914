using Toolshed.Cli.Api;
using Toolshed.Cli.Daemon;
using Toolshed.Cli.Terminal;
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

    /// <summary>As above, with these environment variables (e.g. the HOME whose client configs shed is about).</summary>
    public static Task<CliRun> RunAsync(DaemonHost daemon, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(daemon.BaseAddress, daemon.GetService<ToolshedPaths>(), launcher: null, startTimeout: null, args, environment);

    /// <summary>Against a real daemon, with these environment variables and what the user types.</summary>
    public static Task<CliRun> RunAsync(DaemonHost daemon, IReadOnlyDictionary<string, string> environment, CliInput input, params string[] args) =>
        RunAsync(daemon.BaseAddress, daemon.GetService<ToolshedPaths>(), launcher: null, startTimeout: null, args, environment, input);

    /// <summary>With what the user types (<see cref="CliInput"/>) and the API budgets the test wants.</summary>
    public static Task<CliRun> RunAsync(Uri apiUrl, CliInput input, params string[] args) =>
        RunAsync(apiUrl, paths: null, launcher: null, startTimeout: null, args, environment: null, input);

    private static async Task<CliRun> RunAsync(
        Uri apiUrl, ToolshedPaths? paths, IDaemonLauncher? launcher, TimeSpan? startTimeout, string[] args,
        IReadOnlyDictionary<string, string>? environment = null, CliInput? input = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stdin = new StringReader(input?.Text ?? "");
        var home = Path.Combine(Path.GetTempPath(), "shed-cli-tests-" + Guid.NewGuid().ToString("N"));
        // The user's own HOME is never sent to a daemon (it would edit real client configs): a fresh one per run.
        Directory.CreateDirectory(Path.Combine(home, "user"));
        var context = new CliContext(new TextConsole(stdout, stderr, stdin) { IsInputInteractive = input?.Interactive ?? false })
        {
            ApiTimeouts = input?.Timeouts ?? ApiTimeouts.Default,
            GetVariable = name => environment?.GetValueOrDefault(name) ?? name switch
            {
                "HOME" => Path.Combine(home, "user"),
                "TOOLSHED_CLIENT_HOME" or "XDG_CONFIG_HOME" or "APPDATA" => null,
                _ => Environment.GetEnvironmentVariable(name),
            },
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
