using System.Globalization;
using System.Text;

namespace Toolshed.Core.Configuration;

/// <summary>
/// Durations as people type them on a command line: a number and a unit, optionally several (<c>500ms</c>, <c>30s</c>,
/// <c>10m</c>, <c>1h30m</c>, <c>2d</c>), and written back the same way.
/// </summary>
public static class DurationText
{
    private static readonly (string Unit, TimeSpan Size)[] s_units =
    [
        ("ms", TimeSpan.FromMilliseconds(1)),
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
    ];

    /// <summary>Reads <paramref name="text"/>; false when it is not a sequence of whole numbers with units, or too long.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var rest = text.Trim().AsSpan();
        var total = TimeSpan.Zero;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits == 0 || !long.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            rest = rest[digits..];
            var unit = UnitAt(rest);
            if (unit < 0 || count > TimeSpan.MaxValue.Ticks / s_units[unit].Size.Ticks)
            {
                return false;
            }

            try
            {
                total = checked(total + (s_units[unit].Size * count));
            }
            catch (OverflowException)
            {
                return false;
            }

            rest = rest[s_units[unit].Unit.Length..];
        }

        duration = total;
        return true;
    }

    private static int UnitAt(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < s_units.Length; i++)
        {
            if (text.StartsWith(s_units[i].Unit, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes a duration in the largest units that fit: 10m, 1h30m, 45s, 250ms.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var rest = duration;
        foreach (var (unit, size) in s_units.Skip(1).Append(s_units[0]))
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= size * count;
            }
        }

        return text.Length == 0 ? "0s" : text.ToString();
    }
}
