namespace Toolshed.Server.Images;

/// <summary>Limits of POST /images/pull.</summary>
public sealed record ImagePullOptions
{
    /// <summary>How long one pull may take before it is cancelled and reported as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How many progress reports may wait between the engine and a slow client; byte counts are dropped
    /// first (the next one is newer anyway), state changes only when it is full.</summary>
    public int Capacity { get; init; } = 256;
}
