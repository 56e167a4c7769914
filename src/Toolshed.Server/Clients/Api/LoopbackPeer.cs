using System.Globalization;
using System.Net;
using System.Text;

namespace Toolshed.Server.Clients.Api;

/// <summary>
/// The uid of the local process at the other end of a loopback TCP connection, from the kernel's socket table
/// (<c>/proc/net/tcp</c>, <c>/proc/net/tcp6</c>: the row whose local end is the caller's address and whose remote end
/// is the daemon's lists the socket owner). Null off Linux, for a non-loopback caller, or when the row is not found.
/// </summary>
internal static class LoopbackPeer
{
    public static int? UidOf(IPAddress? remote, int remotePort, IPAddress? local, int localPort)
    {
        if (!OperatingSystem.IsLinux() || remote is null || local is null || !IPAddress.IsLoopback(remote))
        {
            return null;
        }

        foreach (var (table, caller, daemon) in Forms(remote, remotePort, local, localPort))
        {
            if (Find(table, caller, daemon) is { } uid)
            {
                return uid;
            }
        }

        return null;
    }

    /// <summary>
    /// A caller on 127.0.0.1 may hold an IPv4 socket (in tcp) or a dual-mode IPv6 one (in tcp6, as ::ffff:127.0.0.1,
    /// as .NET's and many other clients' sockets are), whatever the daemon's side shows; both are looked up.
    /// </summary>
    private static IEnumerable<(string Table, string Caller, string Daemon)> Forms(IPAddress remote, int remotePort, IPAddress local, int localPort)
    {
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }

        if (remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            yield return ("/proc/net/tcp6", Encode(remote, remotePort), Encode(local, localPort));
            yield break;
        }

        yield return ("/proc/net/tcp", Encode(remote, remotePort), Encode(local, localPort));
        yield return ("/proc/net/tcp6", Encode(remote.MapToIPv6(), remotePort), Encode(local.MapToIPv6(), localPort));
    }

    private static int? Find(string table, string caller, string daemon)
    {
        try
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 7 && fields[1] == caller && fields[2] == daemon)
                {
                    return int.Parse(fields[7], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The table's spelling: each 32-bit word of the address in host (little-endian) order, then the port, in hex.</summary>
    private static string Encode(IPAddress address, int port)
    {
        var bytes = address.GetAddressBytes();
        var text = new StringBuilder();
        for (var word = 0; word < bytes.Length; word += 4)
        {
            for (var i = 3; i >= 0; i--)
            {
                text.Append(bytes[word + i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.Append(':').Append(port.ToString("X4", CultureInfo.InvariantCulture)).ToString();
    }
}
