using System.Globalization;
using System.Text.Json;

namespace Toolshed.Testing.Telemetry;

/// <summary>Reads the JSON of Prometheus's HTTP API (/api/v1/query, /api/v1/targets) into samples and targets.</summary>
internal static class PrometheusApi
{
    /// <summary>An instant query's result: a vector's samples, or a scalar as one sample without labels.</summary>
    public static IReadOnlyList<PrometheusSample> ReadQueryResult(string promql, JsonElement root)
    {
        var data = Data(promql, root);
        var result = data.GetProperty("result");
        switch (data.GetProperty("resultType").GetString())
        {
            case "vector":
                return [.. result.EnumerateArray().Select(series => Sample(ReadLabels(series.GetProperty("metric")), series.GetProperty("value")))];
            case "scalar":
                return [Sample(new Dictionary<string, string>(), result)];
            case var other:
                throw new NotSupportedException(
                    $"PromQL `{promql}` gave a {other} result; QueryAsync reads instant vectors and scalars (wrap a range selector in a function such as last_over_time).");
        }
    }

    public static IReadOnlyList<PrometheusTarget> ReadTargets(JsonElement root) =>
    [
        .. Data("targets", root).GetProperty("activeTargets").EnumerateArray().Select(target => new PrometheusTarget(
            target.GetProperty("scrapeUrl").GetString() ?? "",
            target.GetProperty("health").GetString() ?? "",
            target.TryGetProperty("lastError", out var error) ? error.GetString() ?? "" : "",
            ReadTime(target),
            ReadLabels(target.GetProperty("labels")))),
    ];

    private static JsonElement Data(string what, JsonElement root)
    {
        if (root.GetProperty("status").GetString() != "success")
        {
            var type = root.TryGetProperty("errorType", out var errorType) ? errorType.GetString() : "unknown";
            var error = root.TryGetProperty("error", out var message) ? message.GetString() : root.GetRawText();
            throw new InvalidOperationException($"Prometheus refused `{what}`: {type}: {error}");
        }

        return root.GetProperty("data");
    }

    // [ <unix time as a number>, "<value as a string>" ]; the value may be "NaN", "+Inf" or "-Inf".
    private static PrometheusSample Sample(Dictionary<string, string> labels, JsonElement pair)
    {
        var time = pair[0].GetDouble();
        var text = pair[1].GetString() ?? "";
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(labels, value, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(time * 1000)));
    }

    private static Dictionary<string, string> ReadLabels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? "", StringComparer.Ordinal);

    // Before the first scrape Prometheus reports Go's zero time, 0001-01-01T00:00:00Z.
    private static DateTimeOffset? ReadTime(JsonElement target) =>
        target.TryGetProperty("lastScrape", out var last)
        && DateTimeOffset.TryParse(last.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
        && time.Year > 1
            ? time
            : null;
}
