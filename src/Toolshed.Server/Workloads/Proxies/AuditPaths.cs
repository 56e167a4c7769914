using Toolshed.Core.Configuration;

namespace Toolshed.Server.Workloads.Proxies;

/// <summary>Where the workloads' audit logs live: &lt;state&gt;/audit/&lt;workload&gt;.jsonl.</summary>
internal static class AuditPaths
{
    public static string Directory(ToolshedPaths paths) => Path.Combine(paths.StateDirectory, "audit");
}
