namespace Toolshed.Runtime.Docker;

/// <summary>Where the Docker (or Podman) engine lives. Without an <see cref="Endpoint"/>, the runtime discovers one.</summary>
public sealed class DockerRuntimeOptions
{
    /// <summary>An engine address such as <c>unix:///var/run/docker.sock</c> or <c>tcp://127.0.0.1:2375</c>;
    /// when set, it is the only endpoint tried (DOCKER_HOST and the well-known sockets are ignored).</summary>
    public string? Endpoint { get; set; }

    /// <summary>How long one endpoint may take to answer a ping during discovery.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
