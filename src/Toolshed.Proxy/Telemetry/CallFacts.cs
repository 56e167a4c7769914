namespace Toolshed.Proxy.Telemetry;

/// <summary>What is known of a request only when it ends: its revision, session, the group member it went to, and
/// the policy's decision (allow/deny; null without a policy).</summary>
internal readonly record struct CallFacts(string? Protocol, string? SessionId, string? Member, string? Decision);
