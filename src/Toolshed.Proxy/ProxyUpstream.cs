using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Forwarding;
using Toolshed.Proxy.Stdio;
using Toolshed.Proxy.Upstream;

namespace Toolshed.Proxy;

/// <summary>
/// What a <see cref="WorkloadProxy"/> points at its server: the multiplexer of a stdio proxy, or the bridge and the
/// forwarder of an HTTP one. Attaching swaps the upstream under the running listener; nothing here binds a port.
/// </summary>
internal sealed class ProxyUpstream : IAsyncDisposable
{
    private readonly WorkloadProxyOptions _options;
    private readonly StdioMultiplexer? _stdio;
    private readonly HttpUpstreamBridge? _bridged;
    private readonly HttpBackendHandler? _forwarding;
    private readonly HttpMessageInvoker? _upstreamClient;
    private volatile bool _httpAttached;

    public ProxyUpstream(WorkloadProxyOptions options, StdioMultiplexer stdio)
    {
        _options = options;
        _stdio = stdio;
    }

    public ProxyUpstream(
        WorkloadProxyOptions options, HttpUpstreamBridge bridged, HttpBackendHandler? forwarding, HttpMessageInvoker? upstreamClient)
    {
        _options = options;
        _bridged = bridged;
        _forwarding = forwarding;
        _upstreamClient = upstreamClient;
    }

    /// <summary>A stdio backend with its stdout still open, or an HTTP endpoint attached.</summary>
    public bool IsAttached => _stdio?.IsAttached ?? _httpAttached;

    /// <summary>The revision the server agreed to at the proxy's own initialize of it (an HTTP server's is known once
    /// the bridge has served a client); null until then.</summary>
    public string? ServerProtocolVersion => (_stdio ?? _bridged?.Multiplexer)?.ServerProtocolVersion;

    public async Task AttachAsync(WorkloadUpstream upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        switch (upstream)
        {
            case StdioUpstream stdio when _stdio is not null:
                _stdio.Attach(stdio.Channel);
                return;
            case RemoteUpstream remote when _bridged is not null && _options.Remote:
                await _bridged.AttachAsync(remote.Endpoint, remote.Transport, remote.CreateClient, cancellationToken);
                _httpAttached = true;
                return;
            case HttpUpstream http when _bridged is not null && !_options.Remote:
                if (http.Endpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
                {
                    throw new InvalidInputException(
                        $"A {_options.Transport.ToName()} workload needs the absolute http(s) URL of its server.", "upstream");
                }

                // The forwarder first: from the moment the bridge connects, the forwarded transport serves too.
                _forwarding?.Attach(http.Endpoint);
                await _bridged.AttachAsync(http.Endpoint, _options.Transport, createHttpClient: null, cancellationToken);
                _httpAttached = true;
                return;
            default:
                throw new InvalidOperationException(
                    $"The proxy of {_options.WorkloadName} serves a {_options.Transport.ToName()} server; a {upstream.GetType().Name} does not attach to it.");
        }
    }

    public async ValueTask DetachAsync()
    {
        if (_stdio is not null)
        {
            await _stdio.DetachAsync();
            return;
        }

        _httpAttached = false;
        _forwarding?.Detach();
        await _bridged!.DetachAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stdio is not null)
        {
            await _stdio.DisposeAsync();
            return;
        }

        _forwarding?.Detach();
        await _bridged!.DisposeAsync();
        _upstreamClient?.Dispose();
    }
}
