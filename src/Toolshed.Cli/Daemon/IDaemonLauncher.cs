namespace Toolshed.Cli.Daemon;

/// <summary>Starts a daemon for an API URL in the background; the seam tests replace.</summary>
public interface IDaemonLauncher
{
    /// <summary>Starts `shed serve` for <paramref name="apiUrl"/>; returns a handle to watch whether it is still alive.</summary>
    DaemonProcess Start(Uri apiUrl, string logPath);
}
