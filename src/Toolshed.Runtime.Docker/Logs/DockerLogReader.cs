using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker;

/// <summary>Reads a container's log stream (multiplexed without a TTY) as lines kept apart by stream.</summary>
internal static class DockerLogReader
{
    public static ContainerLogsParameters ToParameters(WorkloadLogOptions options) => new()
    {
        ShowStdout = options.Stdout,
        ShowStderr = options.Stderr,
        Follow = options.Follow,
        Tail = options.Tail is { } tail ? Math.Max(0, tail).ToString(CultureInfo.InvariantCulture) : "all",
        Timestamps = false,
        Since = options.Since is { } since ? UnixSeconds(since) : null,
    };

    /// <summary>The engine's "seconds.nanoseconds" form of a point in time.</summary>
    internal static string UnixSeconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var nanoseconds = ticks % TimeSpan.TicksPerSecond * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{nanoseconds:D9}");
    }

    public static async IAsyncEnumerable<WorkloadLogLine> ReadLinesAsync(
        MultiplexedStream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stdout = new LogLineSplitter(WorkloadLogStream.Stdout);
        var stderr = new LogLineSplitter(WorkloadLogStream.Stderr);
        var lines = new List<WorkloadLogLine>();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                var splitter = read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
                splitter.Append(buffer.AsSpan(0, read.Count), lines);
                foreach (var line in lines)
                {
                    yield return line;
                }

                lines.Clear();
            }

            stdout.Flush(lines);
            stderr.Flush(lines);
            foreach (var line in lines)
            {
                yield return line;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
