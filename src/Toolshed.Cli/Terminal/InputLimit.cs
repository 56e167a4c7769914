namespace Toolshed.Cli.Terminal;

/// <summary>Reads a bounded amount of text, so a runaway pipe cannot make shed hold gigabytes.</summary>
internal static class InputLimit
{
    public static async Task<string> ReadToEndAsync(TextReader reader, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new char[Math.Min(maxChars + 1, 81920)];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > maxChars)
            {
                throw new CliException($"stdin holds more than {maxChars} characters, which is more than shed reads for this verb; pass a smaller input.");
            }
        }

        return text.ToString();
    }

    /// <summary>The error for a typed value longer than a verb accepts.</summary>
    public static CliException LineTooLong(int maxChars) =>
        new($"The value is longer than {maxChars} characters; pipe it in from a file instead.");
}
