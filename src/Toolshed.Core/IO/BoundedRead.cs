namespace Toolshed.Core.IO;

/// <summary>Reads a whole stream of untrusted length, stopping as soon as it passes a limit.</summary>
public static class BoundedRead
{
    /// <summary>Everything <paramref name="stream"/> holds, or null (having read no more than one chunk past the
    /// limit) when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
