using System.CommandLine;

namespace Toolshed.Cli.Commands;

/// <summary>`shed registry list|info|add|remove`: the catalogs of known MCP servers.</summary>
internal static class RegistryCommand
{
    public static Command Create(CliContext context) => new("registry", "Manage the registries: catalogs of known MCP servers")
    {
        RegistryListCommand.Create(context),
        RegistryInfoCommand.Create(context),
        RegistryAddCommand.Create(context),
        RegistryRemoveCommand.Create(context),
    };
}
