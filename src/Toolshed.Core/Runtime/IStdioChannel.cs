using System.IO.Pipelines;

namespace Toolshed.Core.Runtime;

/// <summary>
/// A live connection to a process's standard streams: what the proxy's stdio bridge talks to. The container runtime
/// returns one from an attach; tests may wrap a local process.
/// </summary>
public interface IStdioChannel : IAsyncDisposable
{
    /// <summary>Writes go to the process's stdin.</summary>
    Stream Input { get; }

    /// <summary>The process's stdout; completes when the process closes it or exits.</summary>
    PipeReader Output { get; }

    /// <summary>The process's stderr, kept apart from stdout.</summary>
    PipeReader Errors { get; }
}
