using System.Globalization;

namespace Toolshed.Cli.Images;

/// <summary>Bytes for people, in the engine's decimal units: 98.3 kB, 8.39 MB.</summary>
internal static class ByteCount
{
    private static readonly string[] s_units = ["B", "kB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        double value = Math.Max(bytes, 0);
        var unit = 0;
        while (value >= 1000 && unit < s_units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        var format = unit == 0 || value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00";
        return $"{value.ToString(format, CultureInfo.InvariantCulture)} {s_units[unit]}";
    }
}
