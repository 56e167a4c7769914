namespace Toolshed.Runtime.Docker.Engine;

/// <summary>The kinds of engine refusal the Docker runtime acts on itself; the engine tells some of them apart only in
/// its message text, so <see cref="DockerErrors"/> reads that text in one place.</summary>
internal enum EngineRefusal
{
    Other,

    /// <summary>404: no such container, image or network.</summary>
    NotFound,

    /// <summary>409 of any other kind (a name in use, a container that is not running).</summary>
    Conflict,

    /// <summary>409: another caller is removing the container already.</summary>
    RemovalInProgress,

    /// <summary>A network's subnet overlaps one that exists (another network took it meanwhile).</summary>
    SubnetOverlap,
}
