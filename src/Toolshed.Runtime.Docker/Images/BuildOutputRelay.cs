using Docker.DotNet.Models;

namespace Toolshed.Runtime.Docker;

/// <summary>
/// Receives the engine's build messages synchronously: forwards each line of output, keeps the last lines (for the
/// error message of a failed step), and remembers the first error.
/// </summary>
internal sealed class BuildOutputRelay(IProgress<string>? output) : IProgress<JSONMessage>
{
    private const int KeptLines = 12;
    private readonly Queue<string> _last = new();

    public string? Error { get; private set; }

    public IReadOnlyCollection<string> LastLines => _last;

    public void Report(JSONMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Error?.Message is { Length: > 0 } error)
        {
            Error ??= error;
        }

        foreach (var line in (value.Stream ?? value.Status ?? "").Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Trim().Length == 0)
            {
                continue;
            }

            _last.Enqueue(text);
            if (_last.Count > KeptLines)
            {
                _last.Dequeue();
            }

            output?.Report(text);
        }
    }
}
