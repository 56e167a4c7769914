using Toolshed.Cli.Api;

namespace Toolshed.Cli.Registry;

/// <summary>Reads every registry and its servers from the daemon; one registry that cannot be read (its source went
/// away) is kept with its problem instead of failing the whole command.</summary>
internal static class RegistryListingReader
{
    public static async Task<IReadOnlyList<RegistryListing>> ReadAsync(ToolshedApiClient client, CancellationToken cancellationToken)
    {
        var listings = new List<RegistryListing>();
        foreach (var registry in await client.ListRegistriesAsync(cancellationToken))
        {
            try
            {
                listings.Add(new RegistryListing(registry.Name, await client.ListRegistryServersAsync(registry.Name, cancellationToken)));
            }
            catch (CliException ex)
            {
                listings.Add(new RegistryListing(registry.Name, [], ex.Message));
            }
        }

        return listings;
    }
}
