namespace Toolshed.Core.Runtime;

/// <summary>One decision a workload's egress proxy made on a connection its server tried: to where, and whether the
/// allow-list let it through.</summary>
public sealed record EgressDecision(bool Allowed, string Method, string Host, int Port);
