namespace Toolshed.Clients;

/// <summary>How a config file holds its servers: a map keyed by name, or a list of items that carry a name.</summary>
public enum ServersLayout
{
    Map,

    /// <summary>A sequence whose items start with <c>name: …</c> (Continue's YAML).</summary>
    List,
}
