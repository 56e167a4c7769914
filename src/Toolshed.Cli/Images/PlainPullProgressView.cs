using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>
/// Pull progress for a log or a pipe: one line per layer state change ("fc7fb1eaaf2c: Downloading"), never per byte
/// count, like `docker pull` without a terminal; the engine's own lines about the whole image as they come.
/// </summary>
internal sealed class PlainPullProgressView(TextWriter writer) : IPullProgressView
{
    public async Task<ImagePullEvent?> ShowAsync(string image, IAsyncEnumerable<ImagePullEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var layers = new PullLayerStates();
        var announced = false;
        await foreach (var pullEvent in events.WithCancellation(cancellationToken))
        {
            if (pullEvent.IsFinal)
            {
                if (announced && pullEvent.Status == ImagePullEvent.DoneStatus)
                {
                    foreach (var layer in layers.Unfinished())
                    {
                        await writer.WriteLineAsync($"{layer}: {PullLayerStates.PullComplete}");
                    }

                    await writer.WriteLineAsync($"Pulled {pullEvent.Image ?? image}.");
                }

                return pullEvent;
            }

            if (!announced)
            {
                await writer.WriteLineAsync($"Pulling {image}…");
                announced = true;
            }

            if (pullEvent.Layer is null)
            {
                await writer.WriteLineAsync(pullEvent.Status);
            }
            else if (layers.Apply(pullEvent))
            {
                await writer.WriteLineAsync($"{pullEvent.Layer}: {pullEvent.Status}");
            }
        }

        return null;
    }
}
