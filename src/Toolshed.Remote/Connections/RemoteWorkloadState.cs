using Toolshed.Remote.OAuth;

namespace Toolshed.Remote.Connections;

/// <summary>What the remote runtime keeps of a workload across its launches: its event log and its OAuth session.</summary>
internal sealed class RemoteWorkloadState(RemoteEventLog events)
{
    public RemoteEventLog Events { get; } = events;

    public OAuthSession? OAuth { get; set; }

    public PendingSignIn? Pending { get; set; }
}
