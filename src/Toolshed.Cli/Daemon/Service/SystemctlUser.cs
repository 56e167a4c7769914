using System.ComponentModel;
using System.Diagnostics;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>Runs `systemctl --user …` (found on PATH, arguments by ArgumentList) and reports how it ended.</summary>
internal static class SystemctlUser
{
    /// <summary>Exit code for "systemctl is not installed here".</summary>
    public const int NotInstalled = 127;

    public static async Task<SystemctlResult> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("systemctl")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("--user");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return new SystemctlResult(NotInstalled, "systemctl is not installed (not on PATH)");
        }

        if (process is null)
        {
            return new SystemctlResult(NotInstalled, "systemctl did not start");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await output;
            return new SystemctlResult(process.ExitCode, (await error).Trim());
        }
    }

    /// <summary>Whether a user service manager answers: false where systemd is missing or has no user instance
    /// (containers, WSL without systemd, a session without a user bus).</summary>
    public static Task<SystemctlResult> ProbeAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken, "show-environment");
}
