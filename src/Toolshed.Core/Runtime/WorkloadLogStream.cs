namespace Toolshed.Core.Runtime;

/// <summary>Which standard stream a log line came from.</summary>
public enum WorkloadLogStream
{
    Stdout,
    Stderr,
}
