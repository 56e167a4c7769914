namespace Toolshed.Clients;

/// <summary>The operating system a client's config paths are resolved for.</summary>
public enum ClientPlatform
{
    Linux,
    MacOS,
    Windows,
}
