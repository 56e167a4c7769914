using Microsoft.AspNetCore.Mvc;
using Toolshed.Clients;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Clients.Api;

/// <summary>
/// The home a client request is about, from the query string (<c>?home=/home/me&amp;uid=1000</c>); shed sends the
/// HOME, XDG_CONFIG_HOME, APPDATA and uid of the user running it. Without <c>home</c> the daemon's own home is used.
/// </summary>
public sealed record ClientHomeQuery
{
    [FromQuery(Name = "home")]
    public string? Home { get; init; }

    [FromQuery(Name = "xdg_config_home")]
    public string? XdgConfigHome { get; init; }

    [FromQuery(Name = "appdata")]
    public string? AppData { get; init; }

    [FromQuery(Name = "uid")]
    public int? Uid { get; init; }

    /// <summary>
    /// The home the request names. When the caller is a local process whose uid the kernel tells (<paramref name="peerUid"/>),
    /// a stated uid must be that one, and the home is checked against it: a caller cannot claim someone else's uid.
    /// </summary>
    public ClientHome? ToClientHome(int? peerUid)
    {
        if (string.IsNullOrEmpty(Home))
        {
            return XdgConfigHome is null && AppData is null && Uid is null
                ? null
                : throw new InvalidInputException("xdg_config_home, appdata and uid need home as well.", "home");
        }

        if (peerUid is { } verified && Uid is { } stated && stated != verified)
        {
            throw new InvalidInputException(
                $"uid {stated} is not the uid of the calling process ({verified}).", "uid", "Send the uid shed runs as (shed does this itself).");
        }

        return new ClientHome { Home = Home, XdgConfigHome = XdgConfigHome, AppData = AppData, Uid = peerUid ?? Uid };
    }
}
