using System.Text;
using Spectre.Console;

namespace Toolshed.Cli.Terminal;

/// <summary>The process's own terminal: <see cref="System.Console"/>'s streams and what they are attached to.</summary>
public sealed class SystemConsole : ICliConsole
{
    private IAnsiConsole? _liveError;

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public TextReader In => Console.In;

    public bool IsInputInteractive => !Console.IsInputRedirected;

    /// <summary>Live bars only on a real terminal: not a file, a pipe or TERM=dumb.</summary>
    public IAnsiConsole? LiveError =>
        Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") is "dumb"
            ? null
            : _liveError ??= AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Error),
                Interactive = InteractionSupport.Yes,
            });

    public bool IsOutputTerminal => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");

    public char? TryReadKey() => !Console.IsInputRedirected && Console.KeyAvailable ? Console.ReadKey(intercept: true).KeyChar : null;

    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) => Console.In.ReadLineAsync(cancellationToken).AsTask();

    public Task<string> ReadToEndAsync(int maxChars, CancellationToken cancellationToken) =>
        InputLimit.ReadToEndAsync(Console.In, maxChars, cancellationToken);

    public Task<string> ReadHiddenLineAsync(int maxChars, CancellationToken cancellationToken)
    {
        var value = new StringBuilder();
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (value.Length > 0)
                {
                    value.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                if (value.Length >= maxChars)
                {
                    throw InputLimit.LineTooLong(maxChars);
                }

                value.Append(key.KeyChar);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(value.ToString());
    }
}
