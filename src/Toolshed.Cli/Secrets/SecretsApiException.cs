namespace Toolshed.Cli.Secrets;

/// <summary>The daemon refused a secrets request, or could not be reached; the message is ready to print.</summary>
internal sealed class SecretsApiException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
