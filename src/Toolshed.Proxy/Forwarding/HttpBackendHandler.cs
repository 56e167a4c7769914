using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Transports;
using Toolshed.Proxy.Upstream;
using Yarp.ReverseProxy.Forwarder;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Forwards the requests of an HTTP-transport proxy to the backend with YARP, streaming both ways; the paths of the
/// transport the backend does not speak go to its <see cref="HttpUpstreamBridge"/> instead. With an audit log, the
/// JSON-RPC requests of each forwarded POST are audited (<see cref="ForwardedRequestAudit"/>).
/// </summary>
internal sealed class HttpBackendHandler(
    IHttpForwarder forwarder,
    HttpMessageInvoker client,
    WorkloadProxyOptions options,
    ILogger logger,
    HttpUpstreamBridge? bridged = null,
    ForwardedRequestAudit? audit = null)
{
    // SSE streams sit idle between events; the proxy must not cut them as a stalled download.
    private static readonly ForwarderRequestConfig s_requestConfig = new() { ActivityTimeout = TimeSpan.FromDays(1) };

    private readonly string _destinationPrefix = options.UpstreamUrl!.GetLeftPart(UriPartial.Authority);
    private readonly UpstreamTransformer _transformer = new(options.UpstreamUrl!, options.Transport);

    internal ForwardedSessionOwners Owners => _transformer.Owners;

    public async Task HandleAsync(HttpContext http)
    {
        if (bridged is not null && bridged.Serves(http.Request.Path))
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
        if (!Owners.Admits(http))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (audit is not null && await audit.BeginAsync(http) is { } rejected)
        {
            await JsonBody.WriteRejectionAsync(http.Response, rejected, http.RequestAborted);
            return;
        }

        var error = await forwarder.SendAsync(http, _destinationPrefix, client, s_requestConfig, _transformer);
        if (HttpMethods.IsDelete(http.Request.Method) && http.Response.StatusCode is >= 200 and < 300)
        {
            Owners.Forget(ForwardedSessionOwners.KeyOf(http.Request));
        }

        // A legacy SSE stream has ended: its message endpoint belongs to nobody any more.
        Owners.Forget(http.Features.Get<AnnouncedEndpoint>()?.Key);

        // Lines the transformer did not write when the answer arrived: the server never answered.
        http.Features.Get<ForwardedCalls>()?.Complete(httpStatus: null);
        if (error is not ForwarderError.None and not ForwarderError.RequestCanceled and not ForwarderError.ResponseBodyCanceled)
        {
            var exception = http.Features.Get<IForwarderErrorFeature>()?.Exception;
            ProxyLog.ForwardFailed(logger, options.WorkloadName, error.ToString(), exception);
        }
    }
}
