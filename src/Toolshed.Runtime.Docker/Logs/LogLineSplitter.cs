using System.Buffers;
using System.Text;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker;

/// <summary>Cuts one stream's chunks into lines (a frame may end mid-line); the trailing \r of CRLF is dropped.</summary>
internal sealed class LogLineSplitter(WorkloadLogStream stream)
{
    private readonly ArrayBufferWriter<byte> _pending = new();

    public void Append(ReadOnlySpan<byte> chunk, List<WorkloadLogLine> lines)
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
    public void Flush(List<WorkloadLogLine> lines)
    {
        if (_pending.WrittenCount > 0)
        {
            lines.Add(ToLine(_pending.WrittenSpan));
            _pending.Clear();
        }
    }

    private WorkloadLogLine ToLine(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.IsEmpty && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        return new WorkloadLogLine(stream, Encoding.UTF8.GetString(bytes));
    }
}
