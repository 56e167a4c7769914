using Docker.DotNet.Models;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker;

/// <summary>
/// Receives the engine's pull messages synchronously (unlike <see cref="Progress{T}"/>, which posts them later and
/// would let the pull finish before its error message was seen), forwards them as <see cref="ImagePullProgress"/>,
/// and remembers the first error the stream carried.
/// </summary>
internal sealed class PullProgressRelay(string image, IProgress<ImagePullProgress>? progress) : IProgress<JSONMessage>
{
    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Error?.Message is { Length: > 0 } error)
        {
            Error ??= error;
        }

        progress?.Report(new ImagePullProgress(image, value.Status ?? "", value.Progress?.Current, value.Progress?.Total));
    }
}
