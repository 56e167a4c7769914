using Toolshed.Core.Errors;

namespace Toolshed.Runtime.Docker.Engine;

/// <summary>A build step failed: the engine's error and the last lines of output before it (what a user needs to see why).</summary>
public sealed class ImageBuildFailedException(string error, IReadOnlyList<string> lastLines)
    : ContainerEngineException($"the build failed: {error}")
{
    public string EngineError { get; } = error;

    public IReadOnlyList<string> LastLines { get; } = lastLines;
}
