namespace Toolshed.Clients;

/// <summary>Where the servers live inside a config file: the key path of the container and its layout.</summary>
public sealed record ConfigLocation(IReadOnlyList<string> ServersPath, ServersLayout Layout = ServersLayout.Map);
