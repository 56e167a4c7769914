namespace Toolshed.Testing.Telemetry;

/// <summary>
/// What a <see cref="PrometheusServer"/> scrapes: one job, one static target. <see cref="BearerToken"/>, when set, is
/// written to a file only the server's config names (<c>authorization: credentials_file:</c>), never to its argv.
/// </summary>
public sealed record PrometheusScrapeTarget
{
    /// <summary>host:port, e.g. "127.0.0.1:5123".</summary>
    public required string Address { get; init; }

    public string MetricsPath { get; init; } = "/metrics";

    public string? BearerToken { get; init; }

    /// <summary>Also the scrape timeout (Prometheus refuses a timeout longer than the interval).</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>job</c> label of every series scraped.</summary>
    public string JobName { get; init; } = "toolshed";

    /// <summary>A target from the metrics endpoint's URL: its host:port and path.</summary>
    public static PrometheusScrapeTarget At(Uri metricsUrl, string? bearerToken = null) => new()
    {
        Address = metricsUrl.Authority,
        MetricsPath = metricsUrl.AbsolutePath,
        BearerToken = bearerToken,
    };
}
