using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Under OIDC, binds each session the server hands out through the forwarder to the token subject that opened it, as
/// the proxy's own sessions are bound: a caller presenting another subject's session gets 404, as for an unknown
/// session, and never reaches the server. Streamable HTTP sessions are keyed by their <c>Mcp-Session-Id</c>, legacy
/// SSE sessions by the message endpoint the server announced on the stream. It fails closed: under OIDC a request that
/// names a session this proxy did not see opened for the same subject (another spelling of an endpoint, a session
/// from before a daemon restart) is refused too, and clients re-initialize on that 404 as the transport prescribes.
/// </summary>
internal sealed class ForwardedSessionOwners(McpTransport transport)
{
    private const string SessionHeader = "Mcp-Session-Id";

    /// <summary>The most sessions remembered; beyond, the oldest are forgotten (their clients get 404 and re-initialize),
    /// so a caller looping initialize cannot grow the daemon without bound.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _owners.Count;

    /// <summary>Whether the request may use the session it names: always without OIDC; under OIDC only a session
    /// recorded for the same subject, or a request that names none (an initialize, a new SSE stream).</summary>
    public bool Admits(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (SessionOwner.Of(http) is not { } subject)
        {
            return true;
        }

        var request = http.Request;
        if (transport == McpTransport.Sse)
        {
            // Every message goes to an endpoint the server announced on a stream it opened for this caller.
            return HttpMethods.IsGet(request.Method) && request.Path.Equals("/sse", StringComparison.Ordinal)
                || (KeyOf(request) is { } endpoint && _owners.TryGetValue(endpoint, out var endpointOwner) && endpointOwner == subject);
        }

        return !request.Headers.ContainsKey(SessionHeader)
            || (KeyOf(request) is { } key && _owners.TryGetValue(key, out var owner) && owner == subject);
    }

    /// <summary>Records the Streamable HTTP session an initialize answer opened for the caller.</summary>
    public void RecordAnswer(HttpContext http, HttpResponseMessage answer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(answer);
        if (SessionOwner.Of(http) is { } subject
            && !http.Request.Headers.ContainsKey(SessionHeader)
            && answer.Headers.TryGetValues(SessionHeader, out var values)
            && values.FirstOrDefault() is { Length: > 0 } session)
        {
            Remember(StreamableKey(session), subject);
        }
    }

    /// <summary>Records the message endpoint a legacy SSE stream announced; returns its key, to forget when the stream ends.</summary>
    public string? RecordEndpoint(HttpContext http, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (SessionOwner.Of(http) is not { } subject)
        {
            return null;
        }

        var key = EndpointKey(pathAndQuery);
        Remember(key, subject);
        return key;
    }

    /// <summary>Forgets a session: after a successful DELETE of a Streamable HTTP session, or when an SSE stream ends.</summary>
    public void Forget(string? key)
    {
        if (key is not null)
        {
            _owners.TryRemove(key, out _);
        }
    }

    /// <summary>The key of the session a request names, or null when it names none.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(SessionHeader, out var session) && session.ToString() is { Length: > 0 } id)
        {
            return StreamableKey(id);
        }

        return HttpMethods.IsPost(request.Method)
            ? EndpointKey(request.Path.Value + request.QueryString.Value)
            : null;
    }

    private void Remember(string key, string subject)
    {
        _owners[key] = subject;
        _order.Enqueue(key);
        while (_owners.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _owners.TryRemove(oldest, out _);
        }

        // Keys forgotten by DELETE or stream end linger in the queue: rebuild it from the map when it grows much longer.
        if (_order.Count > 2 * Capacity)
        {
            _order.Clear();
            foreach (var remembered in _owners.Keys)
            {
                _order.Enqueue(remembered);
            }
        }
    }

    private static string StreamableKey(string session) => "mcp " + session;

    private static string EndpointKey(string pathAndQuery) => "sse " + pathAndQuery;
}
