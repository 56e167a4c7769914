using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Toolshed.Core.Workloads;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// One attached HTTP upstream as the forwarder sees it: where requests go, the transformer that maps the paths, the
/// owners of the sessions this server handed out, and the requests still streaming from it, ended when it is detached.
/// A re-attached proxy gets a fresh one, so nothing of an old container's sessions reaches the new one.
/// </summary>
internal sealed class ForwardingDestination(Uri endpoint, McpTransport transport)
{
    private readonly ConcurrentDictionary<HttpContext, byte> _open = new();
    private volatile bool _detached;

    /// <summary>The scheme, host and port requests are forwarded to.</summary>
    public string Prefix { get; } = endpoint.GetLeftPart(UriPartial.Authority);

    public UpstreamTransformer Transformer { get; } = new(endpoint, transport);

    public ForwardedSessionOwners Owners => Transformer.Owners;

    public bool IsDetached => _detached;

    /// <summary>Tracks a request being forwarded; false when this upstream is already detached (the caller must not send).</summary>
    public bool Enter(HttpContext http)
    {
        _open[http] = 0;
        if (_detached)
        {
            _open.TryRemove(http, out _);
            return false;
        }

        return true;
    }

    public void Leave(HttpContext http) => _open.TryRemove(http, out _);

    /// <summary>Ends every request still forwarded to this upstream (their clients see the connection close).</summary>
    public void Detach()
    {
        _detached = true;
        foreach (var http in _open.Keys)
        {
            http.Abort();
        }
    }
}
