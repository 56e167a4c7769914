using System.Diagnostics;
using Xunit;

namespace Toolshed.Testing;

/// <summary>The docker CLI, for what tests arrange or check beside the daemon (ArgumentList: no shell).</summary>
public static class DockerCli
{
    /// <summary>Runs docker and returns its output; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await ExecuteAsync(arguments);
        Assert.True(exitCode == 0, $"docker {string.Join(' ', arguments)} exited {exitCode}: {error}");
        return output;
    }

    /// <summary>Runs docker and returns its exit code (for "this is gone" checks).</summary>
    public static async Task<int> TryAsync(params string[] arguments) => (await ExecuteAsync(arguments)).ExitCode;

    private static async Task<(int ExitCode, string Output, string Error)> ExecuteAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
