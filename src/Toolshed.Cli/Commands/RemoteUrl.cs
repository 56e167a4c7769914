namespace Toolshed.Cli.Commands;

/// <summary>Whether `shed run`'s argument names a remote MCP server (an http or https URL) rather than an image,
/// a registry server or a package.</summary>
internal static class RemoteUrl
{
    public static bool IsRemote(string? argument) =>
        argument is not null
        && (argument.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || argument.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
}
