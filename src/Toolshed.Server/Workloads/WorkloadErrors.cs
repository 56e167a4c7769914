using Toolshed.Core.Errors;

namespace Toolshed.Server.Workloads;

/// <summary>The errors every workload operation shares.</summary>
internal static class WorkloadErrors
{
    public static NotFoundException NotFound(string name) =>
        new($"No server named '{name}'.", "List servers with `shed list --all`.");
}
