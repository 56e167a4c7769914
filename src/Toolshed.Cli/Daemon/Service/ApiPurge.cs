using Toolshed.Cli.Api;
using Toolshed.Clients;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>
/// The part of a purge a running daemon does best itself: deleting every workload (container, egress sidecar and
/// network, and its entries in the registered MCP clients' configs) and taking Toolshed's entries out of every
/// registered client. What it leaves (or what a stopped daemon could not do) the engine sweep removes afterwards.
/// </summary>
internal static class ApiPurge
{
    /// <summary>Deletes every workload, then takes Toolshed's entries out of the clients registered for
    /// <paramref name="home"/> (the purging user's; registrations of other users' homes are theirs to remove).</summary>
    public static async Task RunAsync(ToolshedApiClient client, ClientHome home, PurgeReport report, CancellationToken cancellationToken)
    {
        foreach (var server in await client.ListServersAsync(all: true, cancellationToken))
        {
            await client.DeleteServerAsync(server.Name, force: true, cancellationToken);
            report.Removed.Add($"workload {server.Name}");
        }

        foreach (var registered in (await client.DiscoverClientsAsync(home, cancellationToken)).Where(c => c.Registered))
        {
            await client.RemoveClientAsync(registered.Name, home, cancellationToken);
            report.Removed.Add($"Toolshed's entries in {registered.DisplayName} ({registered.ConfigPath})");
        }
    }
}
