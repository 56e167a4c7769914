namespace Toolshed.Core.Workloads;

/// <summary>A secret a workload needs: the stored secret's name and the environment variable it becomes.</summary>
public sealed record SecretReference(string Name, string Target);
