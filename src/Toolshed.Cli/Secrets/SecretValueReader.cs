using Toolshed.Cli.Terminal;

namespace Toolshed.Cli.Secrets;

/// <summary>Reads a secret's value from redirected stdin, or from the terminal without echoing it. Never from argv.</summary>
internal static class SecretValueReader
{
    /// <summary>Secrets are tokens, keys and certificates: 1 MiB of text holds any of them.</summary>
    public const int MaxChars = 1024 * 1024;

    public static async Task<string> ReadAsync(string name, ICliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!console.IsInputInteractive)
        {
            var text = await console.ReadToEndAsync(MaxChars, cancellationToken);
            // `echo value | shed secret set NAME` adds a line break that is not part of the value.
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }

        await console.Error.WriteAsync($"Value for secret {name} (input hidden): ");
        await console.Error.FlushAsync(cancellationToken);
        var value = await console.ReadHiddenLineAsync(MaxChars, cancellationToken);
        await console.Error.WriteLineAsync();
        return value;
    }
}
