using Toolshed.Cli.Api;
using Toolshed.Cli.Registry;

namespace Toolshed.Cli.Commands;

/// <summary>Finds the registry entry a `shed run` argument names, when it names one.</summary>
internal static class RegistryEntry
{
    /// <summary>The entry an image argument names (<c>server</c> in the default registry, or <c>registry/server</c>), or null when it names none.</summary>
    public static async Task<RegistryServerView?> FindAsync(ToolshedApiClient client, string image, CancellationToken cancellationToken)
    {
        var parts = image.Split('/');
        var (registry, server) = parts.Length switch
        {
            1 => ("default", parts[0]),
            2 when !parts[0].Contains('.', StringComparison.Ordinal) => (parts[0], parts[1]),
            _ => (null, null),
        };
        if (registry is null || server is null)
        {
            return null;
        }

        try
        {
            return await client.GetRegistryServerAsync(registry, server, cancellationToken);
        }
        catch (CliException)
        {
            return null; // Not a registry entry: an image, which create resolves (and explains) itself.
        }
    }
}
