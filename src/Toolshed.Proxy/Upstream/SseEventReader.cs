using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Toolshed.Proxy.Stdio;

namespace Toolshed.Proxy.Upstream;

/// <summary>Reads a text/event-stream as it arrives and hands over each event once its blank line is in.</summary>
internal static class SseEventReader
{
    private const int KeepBufferBytes = 1024 * 1024;

    /// <summary>One event: its type (null when the stream named none) and its data lines joined by '\n'.</summary>
    public delegate ValueTask EventHandler(string? eventType, ReadOnlyMemory<byte> data);

    public static async Task ReadAsync(Stream stream, EventHandler onEvent, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var data = new ArrayBufferWriter<byte>(256);
        string? eventType = null;
        var hasData = false;
        try
        {
            await LineReader.ReadLinesAsync(
                reader,
                async line =>
                {
                    if (line.IsEmpty)
                    {
                        if (hasData)
                        {
                            await onEvent(eventType, data.WrittenMemory);
                        }

                        if (data.Capacity > KeepBufferBytes)
                        {
                            data = new ArrayBufferWriter<byte>(256);
                        }
                        else
                        {
                            data.ResetWrittenCount();
                        }

                        eventType = null;
                        hasData = false;
                        return;
                    }

                    ParseField(line, data, ref eventType, ref hasData);
                },
                cancellationToken);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static void ParseField(ReadOnlySequence<byte> line, ArrayBufferWriter<byte> data, ref string? eventType, ref bool hasData)
    {
        var colon = line.PositionOf((byte)':');
        if (colon is { } c && line.Slice(0, c).IsEmpty)
        {
            return; // A comment, such as a keep-alive.
        }

        var name = colon is { } n ? line.Slice(0, n) : line;
        var value = colon is { } v ? line.Slice(line.GetPosition(1, v)) : ReadOnlySequence<byte>.Empty;
        if (!value.IsEmpty && value.FirstSpan[0] == (byte)' ')
        {
            value = value.Slice(1);
        }

        if (Is(name, "data"u8))
        {
            if (hasData)
            {
                data.Write("\n"u8);
            }

            foreach (var segment in value)
            {
                data.Write(segment.Span);
            }

            hasData = true;
        }
        else if (Is(name, "event"u8))
        {
            eventType = Encoding.UTF8.GetString(value);
        }
    }

    private static bool Is(ReadOnlySequence<byte> name, ReadOnlySpan<byte> expected) =>
        name.Length == expected.Length && (name.IsSingleSegment ? name.FirstSpan.SequenceEqual(expected) : name.ToArray().AsSpan().SequenceEqual(expected));
}
