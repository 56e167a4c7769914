using Toolshed.Core.Errors;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;
using Toolshed.Server.Workloads.Proxies;

namespace Toolshed.Server.Tests.Workloads.Lifecycle;

/// <summary>Hands out <see cref="FakeEndpoint"/>s on made-up ports; a port in <see cref="Taken"/> is a 409 as a real bind would be.</summary>
internal sealed class FakeProxyHost : IWorkloadProxyHost
{
    private readonly Lock _lock = new();
    private int _nextPort = 41000;

    public HashSet<int> Taken { get; } = [];

    public List<FakeEndpoint> Endpoints { get; } = [];

    /// <summary>Endpoints still listening (not disposed).</summary>
    public IEnumerable<FakeEndpoint> Open
    {
        get
        {
            lock (_lock)
            {
                return Endpoints.Where(e => !e.Disposed).ToList();
            }
        }
    }

    public Task<IWorkloadEndpoint> StartAsync(WorkloadDefinition definition, CancellationToken cancellationToken)
    {
        var spec = definition.Spec;
        lock (_lock)
        {
            if (spec.ProxyPort != 0 && Taken.Contains(spec.ProxyPort))
            {
                throw new ConflictException($"Port {spec.ProxyPort} is in use.", "Pick another port.");
            }

            var endpoint = new FakeEndpoint(spec.ProxyPort != 0 ? spec.ProxyPort : _nextPort++);
            Endpoints.Add(endpoint);
            return Task.FromResult<IWorkloadEndpoint>(endpoint);
        }
    }
}
