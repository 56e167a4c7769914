namespace Toolshed.Proxy.Auth;

/// <summary>How signing keys are kept fresh: at most one fetch per <see cref="MinRefreshInterval"/>, and none kept longer than <see cref="MaxAge"/>.</summary>
public sealed record OidcKeyRefreshPolicy
{
    public TimeSpan MinRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How far exp and nbf may be off, for clocks that disagree a little.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);
}
