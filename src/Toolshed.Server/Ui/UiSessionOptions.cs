namespace Toolshed.Server.Ui;

/// <summary>How long dashboard sign-ins last, and how many there may be at once.</summary>
public sealed record UiSessionOptions
{
    /// <summary>A login link works once, within this time.</summary>
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A session ends this long after its last request…</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(8);

    /// <summary>…and this long after it began, whatever happens.</summary>
    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Unused links kept at once; the oldest goes first.</summary>
    public int MaxLinks { get; init; } = 16;

    /// <summary>Sessions kept at once; the least recently used goes first.</summary>
    public int MaxSessions { get; init; } = 32;
}
