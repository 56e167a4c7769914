namespace Toolshed.Runtime.Docker;

/// <summary>
/// Picks the API version to speak: the engine's own version, capped at the newest version this client knows. Docker
/// 20.10 speaks 1.41; newer engines drop old versions over time (Docker 29 refuses anything below 1.44), so a fixed old
/// pin would break them, and an unversioned client would let a newer engine answer in shapes the client never saw.
/// </summary>
public static class DockerApiVersionNegotiator
{
    /// <summary>The newest Engine API version Docker.DotNet.Enhanced 4.3.3 models.</summary>
    public static Version ClientMaximum { get; } = new(1, 51);

    public static Version? Negotiate(string? engineApiVersion)
    {
        if (!Version.TryParse(engineApiVersion, out var engine))
        {
            return null; // Unknown: speak unversioned and let the engine choose.
        }

        return engine < ClientMaximum ? engine : ClientMaximum;
    }
}
