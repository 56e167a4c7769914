using System.Buffers;
using System.Text;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker;

/// <summary>Cuts one stream's chunks into lines (a frame may end mid-line); the trailing \r of CRLF is dropped.</summary>
internal sealed class LogLineSplitter(ContainerLogStream stream)
{
    private readonly ArrayBufferWriter<byte> _pending = new();

    public void Append(ReadOnlySpan<byte> chunk, List<ContainerLogLine> lines)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(chunk);
                return;
            }

            if (_pending.WrittenCount == 0)
            {
                lines.Add(ToLine(chunk[..newline]));
            }
            else
            {
                _pending.Write(chunk[..newline]);
                lines.Add(ToLine(_pending.WrittenSpan));
                _pending.Clear();
            }

            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>The unterminated rest, if any, as a last line.</summary>
    public void Flush(List<ContainerLogLine> lines)
    {
        if (_pending.WrittenCount > 0)
        {
            lines.Add(ToLine(_pending.WrittenSpan));
            _pending.Clear();
        }
    }

    private ContainerLogLine ToLine(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.IsEmpty && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        return new ContainerLogLine(stream, Encoding.UTF8.GetString(bytes));
    }
}
