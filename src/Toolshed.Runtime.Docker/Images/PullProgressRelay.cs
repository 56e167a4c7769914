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
    // The engine tags its first message ("Pulling from …") with the tag or digest pulled, not with a layer.
    private readonly string _reference = ImageReference.Split(image).Tag;

    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Error?.Message is { Length: > 0 } error)
        {
            Error ??= error;
        }

        if (progress is null || string.IsNullOrEmpty(value.Status))
        {
            return;
        }

        var layer = string.IsNullOrEmpty(value.ID) || value.ID == _reference ? null : value.ID;
        // The engine sends an empty progressDetail ({}) for state changes: no bytes counted then.
        var total = value.Progress is { Total: > 0 } counted ? counted.Total : (long?)null;
        var current = total is null && value.Progress is not { Current: > 0 } ? null : value.Progress?.Current;
        progress.Report(new ImagePullProgress(image, layer, value.Status, current, total));
    }
}
