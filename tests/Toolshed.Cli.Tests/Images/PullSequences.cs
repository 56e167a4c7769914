using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Tests.Images;

/// <summary>Pull streams as the daemon sends them (recorded from a real pull of a two-layer image), for the views.</summary>
internal static class PullSequences
{
    public const string Image = "127.0.0.1:5000/toolshed/everything:pulltest";
    public const string Base = "f5ebe30b21f1";
    public const string Fresh = "fc7fb1eaaf2c";

    public static ImagePullEvent[] FreshPull(bool withPullComplete = true) =>
    [
        new() { Status = "Pulling from toolshed/everything" },
        new() { Status = "Already exists", Layer = Base },
        new() { Status = "Pulling fs layer", Layer = Fresh },
        new() { Status = "Downloading", Layer = Fresh, Current = 98_304, Total = 8_391_369 },
        new() { Status = "Downloading", Layer = Fresh, Current = 5_470_208, Total = 8_391_369 },
        new() { Status = "Verifying Checksum", Layer = Fresh },
        new() { Status = "Download complete", Layer = Fresh },
        new() { Status = "Extracting", Layer = Fresh, Current = 98_304, Total = 8_391_369 },
        new() { Status = "Extracting", Layer = Fresh, Current = 8_391_369, Total = 8_391_369 },
        .. withPullComplete ? [new ImagePullEvent { Status = "Pull complete", Layer = Fresh }] : Array.Empty<ImagePullEvent>(),
        new() { Status = "Digest: sha256:883b2a0778e2" },
        new() { Status = ImagePullEvent.DoneStatus, Image = Image, Pulled = true },
    ];

    public static ImagePullEvent[] Present() => [new() { Status = ImagePullEvent.DoneStatus, Image = Image, Pulled = false }];

    public static async IAsyncEnumerable<ImagePullEvent> Stream(IEnumerable<ImagePullEvent> events)
    {
        foreach (var pullEvent in events)
        {
            await Task.Yield();
            yield return pullEvent;
        }
    }
}
