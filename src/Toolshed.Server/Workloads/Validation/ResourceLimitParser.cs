using System.Globalization;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>Reads the resource limits of a create request; absent means the defaults, never "unlimited".</summary>
public static class ResourceLimitParser
{
    /// <summary>The engine refuses less than 6 MiB.</summary>
    public const long MinimumMemoryBytes = 6L * 1024 * 1024;

    public const long MinimumPids = 8;

    /// <summary>"536870912", "512k", "512m", "2g" (case-insensitive, binary units) → bytes.</summary>
    public static long? Memory(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim().ToLowerInvariant();
        var multiplier = text.Length > 0 ? text[^1] switch
        {
            'k' => 1024L,
            'm' => 1024L * 1024,
            'g' => 1024L * 1024 * 1024,
            'b' => 1L,
            _ => 0L,
        } : 0L;
        var digits = multiplier == 0 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / Math.Max(multiplier, 1))
        {
            throw new InvalidInputException(
                $"memory_limit '{value}' is not a size; write bytes, or a number with k, m or g (e.g. 512m, 2g).", "memory_limit");
        }

        var bytes = number * Math.Max(multiplier, 1);
        if (bytes < MinimumMemoryBytes)
        {
            throw new InvalidInputException($"memory_limit '{value}' is below the engine's minimum of 6m.", "memory_limit");
        }

        return bytes;
    }

    public static long? Pids(long? value) => value switch
    {
        null => null,
        < MinimumPids => throw new InvalidInputException(
            $"pids_limit {value} is too small to start a server; give at least {MinimumPids} (the default is 512).", "pids_limit"),
        _ => value,
    };
}
