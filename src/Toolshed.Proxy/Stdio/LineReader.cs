using System.Buffers;
using System.IO.Pipelines;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// Splits a <see cref="PipeReader"/> into newline-terminated lines of any length. Bytes already searched are not
/// searched again, and nothing is copied: each line is handed over as a slice of the pipe's own buffers.
/// </summary>
internal static class LineReader
{
    public delegate ValueTask LineHandler(ReadOnlySequence<byte> line);

    public static async Task ReadLinesAsync(PipeReader reader, LineHandler onLine, CancellationToken cancellationToken)
    {
        long searched = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (true)
            {
                var newline = buffer.Slice(searched).PositionOf((byte)'\n');
                if (newline is null)
                {
                    break;
                }

                await onLine(TrimCarriageReturn(buffer.Slice(0, newline.Value)));
                buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                searched = 0;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                if (!buffer.IsEmpty && result.IsCompleted)
                {
                    await onLine(TrimCarriageReturn(buffer));
                }

                reader.AdvanceTo(buffer.End);
                return;
            }

            searched = buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static ReadOnlySequence<byte> TrimCarriageReturn(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return line;
        }

        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
    }
}
