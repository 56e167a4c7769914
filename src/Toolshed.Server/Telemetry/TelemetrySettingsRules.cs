using System.Net;

namespace Toolshed.Server.Telemetry;

/// <summary>Checks <see cref="TelemetrySettings"/> once, at start, into a sentence that says what to change.</summary>
public static class TelemetrySettingsRules
{
    public static string? Check(TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            return $"--otel-endpoint takes an http(s) URL such as http://127.0.0.1:4318/; got '{endpoint}'.";
        }

        if (settings.OtlpHeadersSecret is not null && settings.OtlpEndpoint is null)
        {
            return "--otel-headers needs --otel-endpoint: the headers are for the collector's requests.";
        }

        if (double.IsNaN(settings.Sampling) || settings.Sampling is < 0 or > 1)
        {
            return $"--otel-sampling takes a ratio from 0 to 1, such as 0.1; got {settings.Sampling}.";
        }

        if (settings.MetricsAddress is { } address && !TryParseAddress(address, out _))
        {
            return $"--metrics-address takes IP:PORT such as {TelemetrySettings.DefaultMetricsAddress}; got '{address}'.";
        }

        return null;
    }

    /// <summary>Parses the OTLP headers a secret holds (<c>key=value,key2=value2</c>); null with a reason when malformed.</summary>
    public static string? CheckHeaders(string headers)
    {
        foreach (var part in headers.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || part[..equals].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || part.Any(char.IsControl))
            {
                return "the OTLP headers secret must read key=value,key2=value2";
            }
        }

        return null;
    }

    public static bool TryParseAddress(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (!IPEndPoint.TryParse(text, out var parsed) || parsed.Port == 0 || !text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        endpoint = parsed;
        return true;
    }
}
