using System.Diagnostics;

namespace Toolshed.Cli.Daemon;

/// <summary>A daemon started in the background: its process id, when known, to notice an early exit.</summary>
public sealed record DaemonProcess(int? ProcessId)
{
    /// <summary>False once the process is known to be gone; true while running or when it cannot be told.</summary>
    public bool IsAlive()
    {
        if (ProcessId is not { } pid)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
