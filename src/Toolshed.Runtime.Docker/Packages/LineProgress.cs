namespace Toolshed.Runtime.Docker.Packages;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once, in order (<see cref="Progress{T}"/> posts later).</summary>
internal sealed class LineProgress(Action<string> handler) : IProgress<string>
{
    public void Report(string value) => handler(value);
}
