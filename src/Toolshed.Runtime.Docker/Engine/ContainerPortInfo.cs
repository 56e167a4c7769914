namespace Toolshed.Runtime.Docker.Engine;

/// <summary>A container port and where the host publishes it (HostPort 0 when not published).</summary>
public sealed record ContainerPortInfo(int ContainerPort, int HostPort, string Protocol, string HostIp = "");
