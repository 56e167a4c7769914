using System.Globalization;
using Docker.DotNet.Models;

namespace Toolshed.Runtime.Docker;

/// <summary>
/// Computes the human status ("Up 3 seconds", "Exited (1) 2 seconds ago") from inspect timestamps, because inspect,
/// unlike list, carries no status text.
/// </summary>
internal static class ContainerStatusText
{
    public static string From(State? state, DateTimeOffset now)
    {
        if (state is null)
        {
            return "";
        }

        var startedAt = ParseTimestamp(state.StartedAt);
        var finishedAt = ParseTimestamp(state.FinishedAt);
        var exitCode = state.ExitCode.ToString(CultureInfo.InvariantCulture);
        return state.Status switch
        {
            "running" or "paused" => $"Up {Since(startedAt, now)}" + (state.Paused ? " (Paused)" : ""),
            "restarting" => $"Restarting ({exitCode}) {Since(finishedAt, now)} ago",
            "exited" when finishedAt is null => $"Exited ({exitCode})",
            "exited" => $"Exited ({exitCode}) {Since(finishedAt, now)} ago",
            "created" => "Created",
            "removing" => "Removal In Progress",
            "dead" => "Dead",
            { } other => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(other),
            _ => "",
        };
    }

    /// <summary>Parses the engine's RFC 3339 timestamps (nanosecond precision; the zero time means "never").</summary>
    public static DateTimeOffset? ParseTimestamp(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.StartsWith("0001-01-01", StringComparison.Ordinal))
        {
            return null;
        }

        // .NET parses at most 7 fractional digits; the engine sends up to 9.
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < value.Length && char.IsAsciiDigit(value[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                value = string.Concat(value.AsSpan(0, dot + 8), value.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    private static string Since(DateTimeOffset? then, DateTimeOffset now) =>
        HumanDuration.Format(then is null ? TimeSpan.Zero : now - then.Value);
}
