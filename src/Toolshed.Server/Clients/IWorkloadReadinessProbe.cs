using Toolshed.Clients;

namespace Toolshed.Server.Clients;

/// <summary>One readiness attempt against a workload's proxy; tests substitute their own.</summary>
public interface IWorkloadReadinessProbe
{
    /// <summary>True when the workload's MCP server answered an <c>initialize</c> with a result through its proxy.</summary>
    Task<bool> AnswersInitializeAsync(WorkloadEndpoint workload, CancellationToken cancellationToken);
}
