using Spectre.Console;

namespace Toolshed.Cli.Terminal;

/// <summary>
/// A console over plain writers and a reader: what tests capture, and what `shed` uses when a host hands it writers.
/// It is not interactive unless said so; then its input stands for what a person types, hidden input included.
/// </summary>
public sealed class TextConsole(TextWriter output, TextWriter error, TextReader? input = null) : ICliConsole
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader In { get; } = input ?? TextReader.Null;

    public bool IsInputInteractive { get; init; }

    /// <summary>A live console the test renders into, or null for plain lines.</summary>
    public IAnsiConsole? LiveError { get; init; }

    /// <summary>Whether the test stands for a full-screen terminal on stdout.</summary>
    public bool IsOutputTerminal { get; init; }

    /// <summary>Keys the test "types", handed out one per <see cref="TryReadKey"/>.</summary>
    public Queue<char> Keys { get; } = new();

    public char? TryReadKey()
    {
        lock (Keys)
        {
            return Keys.TryDequeue(out var key) ? key : null;
        }
    }

    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) => In.ReadLineAsync(cancellationToken).AsTask();

    public Task<string> ReadToEndAsync(int maxChars, CancellationToken cancellationToken) =>
        InputLimit.ReadToEndAsync(In, maxChars, cancellationToken);

    public async Task<string> ReadHiddenLineAsync(int maxChars, CancellationToken cancellationToken)
    {
        var line = await In.ReadLineAsync(cancellationToken) ?? "";
        return line.Length > maxChars
            ? throw InputLimit.LineTooLong(maxChars)
            : line;
    }
}
