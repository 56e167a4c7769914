namespace Toolshed.Cli;

/// <summary>A failure to show the user as one sentence (what is wrong, what to do), with the exit code to return.</summary>
public sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ShedApp.ExitFailure)
        : base(message) => ExitCode = exitCode;

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ShedApp.ExitFailure;
}
