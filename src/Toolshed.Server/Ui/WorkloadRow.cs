using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Ui;

/// <summary>A workload as the dashboard's live list has it: GET /servers' ContainerInfo plus how it has fared.</summary>
public sealed record WorkloadRow : ContainerInfo
{
    [SetsRequiredMembers]
    public WorkloadRow(ContainerInfo info, int restartCount, long? lastExitCode)
        : base(info)
    {
        RestartCount = restartCount;
        LastExitCode = lastExitCode;
    }

    /// <summary>How often the daemon restarted it after it exited on its own.</summary>
    [JsonPropertyName("restart_count")]
    public int RestartCount { get; init; }

    /// <summary>The exit code of its last such exit, if any.</summary>
    [JsonPropertyName("last_exit_code")]
    public long? LastExitCode { get; init; }
}
