using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Toolshed.Cli.Daemon;

/// <summary>
/// Starts `shed serve` detached from this CLI: in its own session (setsid, so Ctrl+C here does not reach it), with
/// stdin from /dev/null and its output appended to the daemon log, so it outlives the command that started it.
/// </summary>
internal sealed class BackgroundDaemonLauncher : IDaemonLauncher
{
    // A constant script: the log path travels by environment and the command by "$@", so nothing is ever escaped by hand.
    private const string DetachScript = "exec \"$@\" </dev/null >>\"$TOOLSHED_DAEMON_LOG\" 2>&1 & echo $!";

    public DaemonProcess Start(Uri apiUrl, string logPath)
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("Cannot tell which executable is running, so cannot start `shed serve`.");
        var argv = DaemonCommandLine.Build(processPath, Assembly.GetEntryAssembly()?.Location, apiUrl);

        if (OperatingSystem.IsWindows())
        {
            var direct = new ProcessStartInfo(argv[0]) { UseShellExecute = false, CreateNoWindow = true };
            foreach (var argument in argv.Skip(1))
            {
                direct.ArgumentList.Add(argument);
            }

            using var started = Process.Start(direct) ?? throw new InvalidOperationException("The daemon process did not start.");
            return new DaemonProcess(started.Id);
        }

        var shell = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add(DetachScript);
        shell.ArgumentList.Add("shed-daemon");
        if (File.Exists("/usr/bin/setsid") || File.Exists("/bin/setsid"))
        {
            shell.ArgumentList.Add("setsid");
        }

        foreach (var argument in argv)
        {
            shell.ArgumentList.Add(argument);
        }

        shell.Environment["TOOLSHED_DAEMON_LOG"] = logPath;
        using var process = Process.Start(shell) ?? throw new InvalidOperationException("/bin/sh did not start.");
        var pidText = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return new DaemonProcess(int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null);
    }
}
