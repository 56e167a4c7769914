using System.Diagnostics;
using System.Globalization;

namespace Toolshed.Cli.Daemon;

/// <summary>Asks a daemon process to shut down (SIGTERM: the host's graceful stop), after checking it is a shed daemon.</summary>
internal static class DaemonSignal
{
    /// <summary>True when <paramref name="processId"/> runs `shed … serve` (so a recycled pid is never signalled).</summary>
    public static bool IsShedDaemon(int processId)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{processId}/cmdline").Split('\0');
            return arguments.Contains("serve", StringComparer.Ordinal)
                && arguments.Any(argument => argument.EndsWith("shed", StringComparison.Ordinal) || argument.EndsWith("shed.dll", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool Terminate(int processId)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start);
        if (kill is null)
        {
            return false;
        }

        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    public static bool IsAlive(int processId) => Directory.Exists($"/proc/{processId}");
}
