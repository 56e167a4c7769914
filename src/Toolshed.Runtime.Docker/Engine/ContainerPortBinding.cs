namespace Toolshed.Runtime.Docker.Engine;

/// <summary>Publishes a container's TCP port on the host. <see cref="HostPort"/> 0 lets the engine choose.</summary>
public sealed record ContainerPortBinding(int ContainerPort, string HostIp = "127.0.0.1", int HostPort = 0);
