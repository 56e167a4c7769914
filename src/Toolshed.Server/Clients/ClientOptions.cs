namespace Toolshed.Server.Clients;

/// <summary>
/// Where client configs are looked for and what stdio-only clients launch. The home directory is injectable so the
/// daemon (env <c>TOOLSHED_CLIENT_HOME</c>) and tests never touch the real one.
/// </summary>
public sealed record ClientOptions
{
    public const string HomeVariable = "TOOLSHED_CLIENT_HOME";

    /// <summary>The user home whose client configs are managed; null means HOME.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The executable stdio-only clients run as <c>COMMAND proxy stdio NAME</c>.</summary>
    public string StdioCommand { get; init; } = "shed";

    public static ClientOptions FromEnvironment()
    {
        var processPath = Environment.ProcessPath;
        var isShed = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "shed";
        return new ClientOptions
        {
            HomeDirectory = Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home ? home : null,
            // An absolute path works for GUI apps that do not share the shell's PATH.
            StdioCommand = isShed ? processPath! : "shed",
        };
    }
}
