namespace Toolshed.Server.Reconciliation;

/// <summary>How often the reconciler compares desired with actual state, and how restarts back off.</summary>
public sealed record ReconcilerOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A container that stayed up this long since its last restart gets its back-off reset.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromMinutes(2);
}
