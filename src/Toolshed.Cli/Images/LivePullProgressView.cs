using Spectre.Console;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>
/// Pull progress on a terminal, like `docker pull`: one live bar per layer, its id, state and bytes, drawn with
/// Spectre.Console. The bars stay on screen when the pull ends.
/// </summary>
internal sealed class LivePullProgressView(IAnsiConsole console) : IPullProgressView
{
    public async Task<ImagePullEvent?> ShowAsync(string image, IAsyncEnumerable<ImagePullEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var stream = events.GetAsyncEnumerator(cancellationToken);
        if (!await stream.MoveNextAsync())
        {
            return null;
        }

        if (stream.Current.IsFinal)
        {
            return stream.Current;
        }

        console.MarkupLine($"Pulling [bold]{Markup.Escape(image)}[/]");
        ImagePullEvent? final = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                do
                {
                    if (stream.Current.IsFinal)
                    {
                        final = stream.Current;
                        break;
                    }

                    Apply(progress, bars, stream.Current);
                }
                while (await stream.MoveNextAsync());

                if (final is { Status: ImagePullEvent.DoneStatus })
                {
                    foreach (var (layer, bar) in bars.Where(pair => !pair.Value.IsFinished))
                    {
                        Finish(bar, layer, PullLayerStates.PullComplete);
                    }
                }
            });

        if (final is { Status: ImagePullEvent.DoneStatus })
        {
            console.MarkupLine($"Pulled [bold]{Markup.Escape(final.Image ?? image)}[/].");
        }

        return final;
    }

    private static void Apply(ProgressContext progress, Dictionary<string, ProgressTask> bars, ImagePullEvent pullEvent)
    {
        if (pullEvent.Layer is not { } layer)
        {
            return;
        }

        if (!bars.TryGetValue(layer, out var bar))
        {
            bar = progress.AddTask(Describe(layer, pullEvent), maxValue: 1);
            bars[layer] = bar;
        }

        if (PullLayerStates.IsFinished(pullEvent.Status))
        {
            Finish(bar, layer, pullEvent.Status);
            return;
        }

        bar.Description = Describe(layer, pullEvent);
        if (pullEvent.Total is { } total)
        {
            bar.IsIndeterminate = false;
            bar.MaxValue = total;
            bar.Value = Math.Min(pullEvent.Current ?? 0, total);
        }
        else
        {
            // "Waiting", "Pulling fs layer", "Verifying Checksum": no bytes to count; a finished download stays full.
            bar.IsIndeterminate = pullEvent.Status is not "Download complete" and not "Verifying Checksum";
            if (!bar.IsIndeterminate)
            {
                bar.Value = bar.MaxValue;
            }
        }
    }

    private static void Finish(ProgressTask bar, string layer, string status)
    {
        bar.Description = $"{Markup.Escape(layer)}: {Markup.Escape(status),-18} {"",-17}";
        bar.IsIndeterminate = false;
        bar.Value = bar.MaxValue;
        bar.StopTask();
    }

    private static string Describe(string layer, ImagePullEvent pullEvent)
    {
        // Padded so the bars stay put while the words change.
        var bytes = pullEvent.Total is { } total ? $"{ByteCount.Format(pullEvent.Current ?? 0)}/{ByteCount.Format(total)}" : "";
        return $"{Markup.Escape(layer)}: {Markup.Escape(pullEvent.Status),-18} {bytes,-17}";
    }
}
