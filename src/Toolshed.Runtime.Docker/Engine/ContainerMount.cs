namespace Toolshed.Runtime.Docker.Engine;

/// <summary>A host path bound into a container.</summary>
public sealed record ContainerMount(string HostPath, string ContainerPath, bool ReadOnly);
