namespace Toolshed.Proxy.Upstream;

/// <summary>
/// The forwarding client of an HTTP workload's proxy, which also owns the <see cref="HttpUpstreamBridge"/> serving the
/// other transport: the proxy disposes its forwarding client when it stops, and so ends the bridge with it.
/// </summary>
internal sealed class BridgeOwningInvoker(HttpMessageHandler handler, HttpUpstreamBridge bridge) : HttpMessageInvoker(handler, disposeHandler: true)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            bridge.Dispose();
        }

        base.Dispose(disposing);
    }
}
