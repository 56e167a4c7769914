using System.Net;
using System.Net.Sockets;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>
/// Picks a small IPv4 block for a workload's egress network from a pool, clear of every network the engine has. The
/// engine's own default pools hold about thirty networks; a /28 each (a workload, its sidecar and room to spare) lets a
/// /16 pool hold 4096.
/// </summary>
public static class SubnetAllocator
{
    public const int PrefixLength = 28;

    /// <summary>The first free block of the pool, or null when the pool is full.</summary>
    public static string? Pick(string pool, IEnumerable<string> taken, IReadOnlySet<string>? skip = null)
    {
        var range = IPNetwork.Parse(pool);
        if (range.BaseAddress.AddressFamily != AddressFamily.InterNetwork || range.PrefixLength > PrefixLength)
        {
            throw new ArgumentException($"The egress subnet pool must be an IPv4 range of /{PrefixLength} or larger, not {pool}.", nameof(pool));
        }

        var used = taken.Select(t => IPNetwork.TryParse(t, out var n) ? n : (IPNetwork?)null).OfType<IPNetwork>().ToList();
        var start = ToNumber(range.BaseAddress);
        var blocks = 1L << (PrefixLength - range.PrefixLength);
        var size = 1L << (32 - PrefixLength);
        for (var i = 0L; i < blocks; i++)
        {
            var candidate = new IPNetwork(FromNumber(start + (i * size)), PrefixLength);
            var text = candidate.ToString();
            if (skip?.Contains(text) != true && !used.Any(u => Overlaps(u, candidate)))
            {
                return text;
            }
        }

        return null;
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    private static long ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
    }

    private static IPAddress FromNumber(long number) =>
        new([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]);
}
