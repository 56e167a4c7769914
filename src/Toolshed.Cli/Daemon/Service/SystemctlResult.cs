namespace Toolshed.Cli.Daemon.Service;

/// <summary>How one `systemctl --user` call ended; <see cref="Message"/> is what it wrote to stderr (or why it could not run).</summary>
public sealed record SystemctlResult(int ExitCode, string Message)
{
    public bool Succeeded => ExitCode == 0;
}
