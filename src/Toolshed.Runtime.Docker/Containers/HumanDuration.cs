using System.Globalization;

namespace Toolshed.Runtime.Docker;

/// <summary>Durations worded the way the Docker CLI words them ("3 seconds", "About a minute", "2 hours").</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        var minutes = (long)duration.TotalMinutes;
        var hours = (long)Math.Round(duration.TotalHours);
        return seconds switch
        {
            < 1 => "Less than a second",
            1 => "1 second",
            < 60 => Invariant($"{seconds} seconds"),
            _ when minutes == 1 => "About a minute",
            _ when minutes < 60 => Invariant($"{minutes} minutes"),
            _ when hours == 1 => "About an hour",
            _ when hours < 48 => Invariant($"{hours} hours"),
            _ when hours < 24 * 7 * 2 => Invariant($"{hours / 24} days"),
            _ when hours < 24 * 30 * 2 => Invariant($"{hours / 24 / 7} weeks"),
            _ when hours < 24 * 365 * 2 => Invariant($"{hours / 24 / 30} months"),
            _ => Invariant($"{hours / 24 / 365} years"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
