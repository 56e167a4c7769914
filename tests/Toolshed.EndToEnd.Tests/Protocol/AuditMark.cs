namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>How many lines a workload's audit log had when a test began.</summary>
internal sealed record AuditMark(string Workload, int Count);
