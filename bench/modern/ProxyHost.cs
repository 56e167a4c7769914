using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Proxy;
using Toolshed.Proxy.Tests.Support;

namespace Toolshed.Bench.Modern;

/// <summary>
/// The serving side: one stdio workload proxy, started by <see cref="WorkloadProxyFactory"/> with the options the
/// daemon gives a stdio workload (audit on), the everything-server attached as a local node process, and the trivial
/// endpoint beside it. Both sides of the comparison reach the same /mcp, so they share the proxy, the bridge and node.
/// </summary>
internal static class ProxyHost
{
    public static async Task<int> ServeAsync(ModernBenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Server is not { } entryPoint || !File.Exists(entryPoint))
        {
            await Console.Error.WriteLineAsync($"serve needs --server pointing at the everything-server's dist/index.js ({options.Server}).");
            return 2;
        }

        await using var services = new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddToolshedProxy()
            .BuildServiceProvider();
        var proxyOptions = new WorkloadProxyOptions { WorkloadName = "bench-modern", AuditDirectory = options.AuditDirectory };
        var proxy = await services.GetRequiredService<WorkloadProxyFactory>().StartAsync(proxyOptions, cancellationToken);
        ProcessStdioChannel? server = null;
        try
        {
            server = ProcessStdioChannel.Start("node", [entryPoint, "stdio"]);
            await proxy.AttachAsync(new StdioUpstream(server), cancellationToken);
            await using var trivial = await TrivialEndpoint.StartAsync(cancellationToken);
            Console.WriteLine($"ready {proxy.McpUrl} {trivial.Url}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM from the script (or the ceiling): stop in order.
            }

            return 0;
        }
        finally
        {
            await proxy.DisposeAsync();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
