using System.Net;
using System.Net.Sockets;
using Toolshed.Core.Errors;

namespace Toolshed.Remote;

/// <summary>
/// Keeps requests that metadata steers (authorization server, token and registration endpoints) away from this
/// machine's and its network's private addresses: loopback, private (RFC 1918, unique local), link-local (cloud
/// metadata at 169.254.169.254 among them), carrier-grade NAT, unspecified and multicast. Hosts the user allowed, and
/// the remote's own host, are exempt. Checked on the addresses a name resolves to, at connect time, so a name that
/// resolves differently later (DNS rebinding) is caught too.
/// </summary>
internal sealed class OutboundAddressGuard(IEnumerable<string> allowedHosts)
{
    private readonly HashSet<string> _allowed = new(allowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowedHost(string host) => _allowed.Contains(Normalize(host));

    /// <summary>Why <paramref name="address"/> may not be reached for <paramref name="host"/>, or null.</summary>
    public string? Problem(string host, IPAddress address) =>
        IsAllowedHost(host) ? null : Classify(address) is { } kind ? $"{host} is {kind} ({address})" : null;

    /// <summary>The kind of a non-public address ("a link-local address"), or null for a public one.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "the unspecified address";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "a private address",
                [169, 254, ..] => "a link-local address",
                [100, >= 64 and <= 127, ..] => "a carrier-grade NAT address",
                [0, ..] => "a 'this network' address",
                [>= 224, ..] => "a multicast or reserved address",
                _ => null,
            };
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "a link-local address";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "a private address";
        }

        return address.IsIPv6Multicast ? "a multicast address" : null;
    }

    /// <summary>Resolves <paramref name="url"/>'s host and throws <see cref="RemoteServerException"/> when an address it
    /// resolves to is guarded.</summary>
    public async Task CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new RemoteServerException($"The remote's host {host} does not resolve: {ex.Message}.");
        }

        foreach (var address in addresses)
        {
            if (Problem(host, address) is { } problem)
            {
                throw new RemoteServerException(
                    $"Refused to connect to {url}: {problem}, which Toolshed does not reach on a registry's word.",
                    $"If that host is yours, allow it: `shed run … --oauth-allow-private-host {host}` (oauth_config.allowed_private_hosts).");
            }
        }
    }

    /// <summary>A connect callback for <see cref="SocketsHttpHandler"/> that resolves the host and refuses a guarded address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        foreach (var address in addresses)
        {
            if (Problem(host, address) is { } problem)
            {
                throw new HttpRequestException(
                    $"Refused to connect: {problem}, which Toolshed does not reach on a registry's or a remote's word. If that host is yours, allow it: `shed run … --oauth-allow-private-host {host}` (oauth_config.allowed_private_hosts).");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Normalize(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
