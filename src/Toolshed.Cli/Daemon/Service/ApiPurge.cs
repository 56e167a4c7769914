using Toolshed.Cli.Api;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>
/// The part of a purge a running daemon does best itself: deleting every workload (container, egress sidecar and
/// network, and its entries in the registered MCP clients' configs) and taking Toolshed's entries out of every
/// registered client. What it leaves (or what a stopped daemon could not do) the engine sweep removes afterwards.
/// </summary>
internal static class ApiPurge
{
    public static async Task RunAsync(ToolshedApiClient client, PurgeReport report, CancellationToken cancellationToken)
    {
        foreach (var server in await client.ListServersAsync(all: true, cancellationToken))
        {
            await client.DeleteServerAsync(server.Name, force: true, cancellationToken);
            report.Removed.Add($"workload {server.Name}");
        }

        foreach (var registered in (await client.DiscoverClientsAsync(cancellationToken)).Where(c => c.Registered))
        {
            await client.RemoveClientAsync(registered.Name, cancellationToken);
            report.Removed.Add($"Toolshed's entries in {registered.DisplayName} ({registered.ConfigPath})");
        }
    }
}
