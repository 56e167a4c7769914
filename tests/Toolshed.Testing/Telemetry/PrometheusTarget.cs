namespace Toolshed.Testing.Telemetry;

/// <summary>
/// One active scrape target as Prometheus's /api/v1/targets reports it: whether its last scrape worked
/// (<see cref="Health"/> "up", "down", or "unknown" before the first scrape) and, when it failed, why
/// (<see cref="LastError"/>, e.g. "server returned HTTP status 401 Unauthorized").
/// </summary>
public sealed record PrometheusTarget(
    string ScrapeUrl,
    string Health,
    string LastError,
    DateTimeOffset? LastScrape,
    IReadOnlyDictionary<string, string> Labels)
{
    public bool IsUp => Health == "up";

    public override string ToString() =>
        $"{ScrapeUrl}: {Health}{(LastError.Length == 0 ? "" : " (" + LastError + ")")}, last scrape {LastScrape?.ToString("O") ?? "never"}";
}
