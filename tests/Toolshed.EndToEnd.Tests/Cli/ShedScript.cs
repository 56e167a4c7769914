using System.Diagnostics;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Cli;

/// <summary>Runs the repository's ./shed exactly as a user would, with its own TOOLSHED_HOME and API URL.</summary>
internal sealed class ShedScript(string home, int apiPort)
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

        /// <summary>The port of the "url" in a `--format json` answer (of run, group create …).</summary>
        public int UrlPort => new Uri(System.Text.Json.JsonDocument.Parse(Stdout).RootElement.GetProperty("url").GetString()!).Port;
    }

    public string ApiUrl => $"http://127.0.0.1:{apiPort}";

    /// <summary>More variables for every run (e.g. the HOME of the user running shed, PATH with a stand-in systemctl).</summary>
    public Dictionary<string, string> Environment { get; init; } = new(StringComparer.Ordinal);

    public Task<Result> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>Runs shed with <paramref name="input"/> on its stdin (e.g. a secret's value).</summary>
    public Task<Result> RunWithInputAsync(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryPaths.Combine("shed")) { WorkingDirectory = home };
        start.Environment["TOOLSHED_HOME"] = home;
        start.Environment["TOOLSHED_API_URL"] = ApiUrl;
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return CliProcess.RunAsync(start, arguments, TimeSpan.FromMinutes(5), input);
    }

    /// <summary>Stops the daemon that the CLI started in the background for this API port.</summary>
    public void KillDaemon()
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains(" serve ", StringComparison.Ordinal) && commandLine.Contains($"--port {apiPort}", StringComparison.Ordinal))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    process.WaitForExit(10_000);
                }
                catch (ArgumentException)
                {
                    // Gone already.
                }
            }
        }
    }
}
