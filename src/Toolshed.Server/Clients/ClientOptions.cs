using Toolshed.Clients;
using Toolshed.Core.IO;

namespace Toolshed.Server.Clients;

/// <summary>
/// Client config management in the daemon. Each request names the home it is about (shed sends its own); the home
/// here is for API callers that send none and for registrations made before homes were stored. It is injectable so
/// the daemon (env <c>TOOLSHED_CLIENT_HOME</c>) and tests never touch the real one.
/// </summary>
public sealed record ClientOptions
{
    public const string HomeVariable = ClientHome.OverrideVariable;

    /// <summary>The home used when a request sends none; null means the daemon's HOME.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The executable stdio-only clients run as <c>COMMAND proxy stdio NAME</c>.</summary>
    public string StdioCommand { get; init; } = "shed";

    /// <summary>How long after a start a workload may take to answer initialize before the daemon stops asking.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The pause between two readiness attempts.</summary>
    public TimeSpan ReadinessRetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The daemon's own home, as a <see cref="ClientHome"/>.</summary>
    public ClientHome DefaultHome => HomeDirectory is { Length: > 0 } home
        ? new ClientHome { Home = Path.GetFullPath(home), Uid = UnixOwner.EffectiveUid() }
        : ClientHome.FromEnvironment(name => name == ClientHome.OverrideVariable ? null : Environment.GetEnvironmentVariable(name));

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
