using Toolshed.Cli.Daemon;

namespace Toolshed.Cli.Tests.Fakes;

/// <summary>Records auto-start requests and runs what the test wants instead of `shed serve`.</summary>
internal sealed class FakeDaemonLauncher(Action<Uri>? onStart = null) : IDaemonLauncher
{
    public List<(Uri Url, string LogPath)> Starts { get; } = [];

    public DaemonProcess Start(Uri apiUrl, string logPath)
    {
        Starts.Add((apiUrl, logPath));
        onStart?.Invoke(apiUrl);
        return new DaemonProcess(null);
    }
}
