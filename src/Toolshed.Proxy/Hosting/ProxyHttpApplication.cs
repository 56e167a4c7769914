using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Hosting;

/// <summary>
/// The whole application a proxy's Kestrel runs: one request delegate, no host, no middleware pipeline, no DI scope.
/// Keeping it this small keeps twenty proxies in one daemon cheap.
/// </summary>
internal sealed class ProxyHttpApplication(RequestDelegate handler, string workloadName, ILogger logger)
    : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public async Task ProcessRequestAsync(HttpContext context)
    {
        try
        {
            await handler(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (BadHttpRequestException ex)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ex.StatusCode;
            }
        }
        catch (Exception ex)
        {
            ProxyLog.RequestFailed(logger, workloadName, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
