namespace Toolshed.Core.Workloads;

/// <summary>A host path mounted into the workload's container.</summary>
public sealed record VolumeMount(string HostPath, string ContainerPath, bool ReadOnly);
