using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>A started proxy (real Kestrel on 127.0.0.1) with a real MCP server process attached.</summary>
internal sealed class ProxyHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ProxyHarness(ServiceProvider services, WorkloadProxy proxy, ProcessStdioChannel? backend)
    {
        _services = services;
        Proxy = proxy;
        Backend = backend;
    }

    public WorkloadProxy Proxy { get; }

    public ProcessStdioChannel? Backend { get; private set; }

    public static ServiceProvider CreateServices(
        TimeProvider? timeProvider = null, ILoggerProvider? extraLogger = null, Toolshed.Proxy.Telemetry.TelemetryOptions? telemetry = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Telemetry.TestMeters.Create(telemetry)); // an instance: the provider does not dispose it

        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new TestOutputLoggerProvider()));
        if (extraLogger is not null)
        {
            services.AddLogging(logging => logging.AddProvider(extraLogger));
        }

        services.AddToolshedProxy();
        return services.BuildServiceProvider();
    }

    public static async Task<ProxyHarness> StartAsync(
        Func<ProcessStdioChannel>? startBackend,
        Func<WorkloadProxyOptions, WorkloadProxyOptions>? configure = null,
        TimeProvider? timeProvider = null,
        ILoggerProvider? extraLogger = null,
        Uri? upstream = null,
        Toolshed.Proxy.Telemetry.TelemetryOptions? telemetry = null)
    {
        var services = CreateServices(timeProvider, extraLogger, telemetry);
        var options = new WorkloadProxyOptions { WorkloadName = "test" };
        options = configure?.Invoke(options) ?? options;
        var proxy = await services.GetRequiredService<WorkloadProxyFactory>()
            .StartAsync(options, TestContext.Current.CancellationToken);
        var backend = startBackend?.Invoke();
        if (backend is not null)
        {
            await proxy.AttachAsync(new StdioUpstream(backend), TestContext.Current.CancellationToken);
        }

        if (upstream is not null)
        {
            await proxy.AttachAsync(new HttpUpstream(upstream), TestContext.Current.CancellationToken);
        }

        return new ProxyHarness(services, proxy, backend);
    }

    public async Task AttachAsync(ProcessStdioChannel backend)
    {
        Backend = backend;
        await Proxy.AttachAsync(new StdioUpstream(backend), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }

        await _services.DisposeAsync();
    }
}
