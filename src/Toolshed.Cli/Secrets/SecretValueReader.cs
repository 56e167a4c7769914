using System.Text;

namespace Toolshed.Cli.Secrets;

/// <summary>Reads a secret's value from redirected stdin, or from the terminal without echoing it. Never from argv.</summary>
internal static class SecretValueReader
{
    public static async Task<string> ReadAsync(string name, TextWriter prompt, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            var text = await Console.In.ReadToEndAsync(cancellationToken);
            // `echo value | shed secret set NAME` adds a line break that is not part of the value.
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }

        await prompt.WriteAsync($"Value for secret {name} (input hidden): ");
        await prompt.FlushAsync(cancellationToken);
        var value = new StringBuilder();
        while (true)
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
                value.Append(key.KeyChar);
            }
        }

        await prompt.WriteLineAsync();
        return value.ToString();
    }
}
