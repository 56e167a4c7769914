using Spectre.Console;

namespace Toolshed.Cli.Terminal;

/// <summary>
/// Everything a verb reads from and writes to the user through: output, diagnostics, answers to prompts, hidden input
/// and live progress. Verbs never touch <see cref="System.Console"/>; the real terminal is <see cref="SystemConsole"/>,
/// tests pass a <see cref="TextConsole"/> with scripted input.
/// </summary>
public interface ICliConsole
{
    /// <summary>Results: what scripts read (tables, JSON, URLs).</summary>
    TextWriter Out { get; }

    /// <summary>Diagnostics, prompts and progress, so <see cref="Out"/> stays clean for --format json.</summary>
    TextWriter Error { get; }

    /// <summary>True when stdin is a terminal a person types at, so a verb may ask and wait for an answer.</summary>
    bool IsInputInteractive { get; }

    /// <summary>A console for live progress on <see cref="Error"/>, or null when stderr is not a terminal that can redraw.</summary>
    IAnsiConsole? LiveError { get; }

    /// <summary>True when stdout is a terminal that can redraw a full screen (`shed top`): not a file, a pipe or TERM=dumb.</summary>
    bool IsOutputTerminal { get; }

    /// <summary>A key typed at the terminal since the last call, without waiting; null when none was (or stdin is not one).</summary>
    char? TryReadKey();

    /// <summary>One line of input, or null at its end.</summary>
    Task<string?> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>All of stdin, up to <paramref name="maxChars"/>; more than that is a <see cref="CliException"/>.</summary>
    Task<string> ReadToEndAsync(int maxChars, CancellationToken cancellationToken);

    /// <summary>One line typed at the terminal without echoing it (for secrets), up to <paramref name="maxChars"/>.</summary>
    Task<string> ReadHiddenLineAsync(int maxChars, CancellationToken cancellationToken);

    /// <summary>The raw input stream, for verbs that relay it (`shed proxy stdio`).</summary>
    TextReader In { get; }
}
