using Docker.DotNet.Models;

namespace Toolshed.Runtime.Docker;

/// <summary>
/// Receives the engine's build messages synchronously: forwards each line of output, keeps the last lines (for the
/// error message of a failed step), without terminal escape sequences, and remembers the first error.
/// </summary>
internal sealed partial class BuildOutputRelay(IProgress<string>? output) : IProgress<JSONMessage>
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
            var text = AnsiEscape().Replace(line, "").TrimEnd('\r');
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

    /// <summary>Terminal colour and cursor sequences installers write (npm's errors are red): not for a log or an API answer.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscape();
}
