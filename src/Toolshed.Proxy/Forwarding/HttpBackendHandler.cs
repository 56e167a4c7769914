using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Transports;
using Toolshed.Proxy.Upstream;
using Yarp.ReverseProxy.Forwarder;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Forwards the requests of an HTTP-transport proxy to the attached backend with YARP, streaming both ways; the paths
/// of the transport the backend does not speak go to its <see cref="HttpUpstreamBridge"/> instead, and so does every
/// request while no backend is attached (it answers as a stdio proxy without a server does). With an audit log, the
/// JSON-RPC requests of each forwarded POST are audited (<see cref="ForwardedRequestAudit"/>).
/// </summary>
internal sealed class HttpBackendHandler(
    IHttpForwarder forwarder,
    HttpMessageInvoker client,
    WorkloadProxyOptions options,
    ILogger logger,
    HttpUpstreamBridge bridged,
    ForwardedRequestAudit? audit = null)
{
    // SSE streams sit idle between events; the proxy must not cut them as a stalled download.
    private static readonly ForwarderRequestConfig s_requestConfig = new() { ActivityTimeout = TimeSpan.FromDays(1) };

    private ForwardingDestination? _destination;

    /// <summary>Forwards to <paramref name="endpoint"/> from now on; the previous upstream's requests and sessions end.</summary>
    public void Attach(Uri endpoint) => Replace(new ForwardingDestination(endpoint, options.Transport));

    /// <summary>Forwards nowhere until the next attach; requests still streaming from the old upstream are ended.</summary>
    public void Detach() => Replace(null);

    public async Task HandleAsync(HttpContext http)
    {
        var destination = Volatile.Read(ref _destination);
        if (destination is null || bridged.Serves(http.Request))
        {
            await bridged.Handler(http);
            return;
        }

        if (http.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            http.Response.Headers.Connection = "close";
            return;
        }

        // Under OIDC a session belongs to the subject that opened it; another subject's request is answered as unknown.
        var owners = destination.Owners;
        if (!owners.Admits(http))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (audit is not null && await audit.BeginAsync(http) is { } rejected)
        {
            await JsonBody.WriteRejectionAsync(http.Response, rejected, http.RequestAborted);
            return;
        }

        if (!destination.Enter(http))
        {
            // Detached while this request was read: the old upstream must not see it, and its body may be read already.
            await JsonBody.WriteErrorAsync(
                http.Response, StatusCodes.Status503ServiceUnavailable, McpProtocol.ServerGone, "the MCP server is not running", http.RequestAborted);
            return;
        }

        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(http, destination.Prefix, client, s_requestConfig, destination.Transformer);
        }
        finally
        {
            destination.Leave(http);
        }

        if (HttpMethods.IsDelete(http.Request.Method) && http.Response.StatusCode is >= 200 and < 300)
        {
            owners.Forget(ForwardedSessionOwners.KeyOf(http.Request));
        }

        // A legacy SSE stream has ended: its message endpoint belongs to nobody any more.
        owners.Forget(http.Features.Get<AnnouncedEndpoint>()?.Key);

        // Lines the transformer did not write when the answer arrived: the server never answered.
        http.Features.Get<ForwardedCalls>()?.Complete(httpStatus: null);
        if (error is not ForwarderError.None and not ForwarderError.RequestCanceled and not ForwarderError.ResponseBodyCanceled
            && !destination.IsDetached)
        {
            var exception = http.Features.Get<IForwarderErrorFeature>()?.Exception;
            ProxyLog.ForwardFailed(logger, options.WorkloadName, error.ToString(), exception);
        }
    }

    private void Replace(ForwardingDestination? next)
    {
        Interlocked.Exchange(ref _destination, next)?.Detach();
    }
}
