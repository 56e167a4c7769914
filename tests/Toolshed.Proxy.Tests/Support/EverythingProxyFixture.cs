namespace Toolshed.Proxy.Tests.Support;

/// <summary>One proxy in front of the everything-server (stdio), shared by tests that leave nothing behind, and one session of it.</summary>
public sealed class EverythingProxyFixture : IAsyncLifetime
{
    private ProxyHarness? _harness;
    private string? _session;

    public HttpClient Http { get; private set; } = null!;

    internal WorkloadProxy Proxy => _harness!.Proxy;

    public async ValueTask InitializeAsync()
    {
        _harness = await ProxyHarness.StartAsync(() => TestServers.StartEverything("stdio"));
        Http = new HttpClient { BaseAddress = _harness.Proxy.BaseUrl };
    }

    /// <summary>The session the tests share, opened on first use.</summary>
    public async Task<string> SessionAsync() => _session ??= await RawMcpCalls.InitializeAsync(Http);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
