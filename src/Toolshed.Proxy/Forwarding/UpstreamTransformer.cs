using Microsoft.AspNetCore.Http;
using Toolshed.Core.Workloads;
using Yarp.ReverseProxy.Forwarder;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// Maps the proxy's MCP endpoint (/mcp or /sse) onto the backend's, keeps every other path (the legacy message
/// endpoint the backend announced) as it is, and points a legacy SSE backend's endpoint event at the proxy. When the
/// answer's headers arrive, before its body streams on, the audited calls of the request are completed.
/// </summary>
internal sealed class UpstreamTransformer(Uri upstreamEndpoint, McpTransport transport) : HttpTransformer
{
    private readonly string _proxyEndpointPath = transport == McpTransport.Sse ? "/sse" : "/mcp";

    public ForwardedSessionOwners Owners { get; } = new(transport);

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var path = httpContext.Request.Path.Value ?? "/";
        var upstreamPath = string.Equals(path, _proxyEndpointPath, StringComparison.Ordinal) ? upstreamEndpoint.AbsolutePath : path;
        proxyRequest.RequestUri = new Uri(destinationPrefix + upstreamPath + httpContext.Request.QueryString.Value);
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var result = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Features.Get<ForwardedCalls>()?.Complete(proxyResponse is null ? null : (int)proxyResponse.StatusCode);
        if (proxyResponse is not null)
        {
            Owners.RecordAnswer(httpContext, proxyResponse);
            if (proxyResponse.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // The server no longer knows the session: neither does the proxy.
                Owners.Forget(ForwardedSessionOwners.KeyOf(httpContext.Request));
            }
        }

        if (transport == McpTransport.Sse
            && proxyResponse?.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var proxyBase = $"{httpContext.Request.Scheme}://{httpContext.Request.Host}";
            httpContext.Response.Body = new EndpointEventRewritingStream(httpContext.Response.Body, proxyBase, endpoint =>
            {
                var announced = new AnnouncedEndpoint(Owners.RecordEndpoint(httpContext, endpoint));
                httpContext.Features.Set(announced);
            });
        }

        return result;
    }
}
