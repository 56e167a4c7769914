using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Toolshed.Remote.OAuth;

/// <summary>The whole application of a sign-in's loopback redirect listener: one request delegate.</summary>
internal sealed class CallbackApplication(RequestDelegate handler) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public async Task ProcessRequestAsync(HttpContext context)
    {
        try
        {
            await handler(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
