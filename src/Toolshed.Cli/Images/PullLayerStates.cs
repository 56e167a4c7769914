using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>The last state of each layer of a pull, in the order the layers appeared; tells state changes from byte
/// counts so a view can print one line per change.</summary>
internal sealed class PullLayerStates
{
    public const string PullComplete = "Pull complete";
    public const string AlreadyExists = "Already exists";

    private readonly Dictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> Layers => _order;

    /// <summary>Records a layer's line; true when it is a new layer or a new status (not just new byte counts).</summary>
    public bool Apply(ImagePullEvent pullEvent)
    {
        ArgumentNullException.ThrowIfNull(pullEvent);
        if (pullEvent.Layer is not { } layer)
        {
            return false;
        }

        if (!_status.TryGetValue(layer, out var last))
        {
            _order.Add(layer);
        }
        else if (last == pullEvent.Status)
        {
            return false;
        }

        _status[layer] = pullEvent.Status;
        return true;
    }

    public static bool IsFinished(string status) => status is PullComplete or AlreadyExists;

    /// <summary>Layers whose last line was not a finished state (a slow client may have missed it; "done" says it
    /// happened).</summary>
    public IEnumerable<string> Unfinished() => _order.Where(layer => !IsFinished(_status[layer]));
}
