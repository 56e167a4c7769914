using Toolshed.Core.Runtime;

namespace Toolshed.Testing.Fakes;

/// <summary>One instance of <see cref="FakeWorkloadRuntime"/>, as the runtime holds it.</summary>
public sealed class FakeInstance(string id, string workload, int proxyPort, string fingerprint)
{
    public string Id { get; } = id;

    public string Workload { get; } = workload;

    public int ProxyPort { get; } = proxyPort;

    public string Fingerprint { get; } = fingerprint;

    public bool Running { get; set; }

    public long? ExitCode { get; set; }

    public bool SupportRunning { get; set; } = true;

    /// <summary>The secret environment it was launched with (to show what reached the runtime).</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public WorkloadInstance ToInstance() => new()
    {
        Workload = Workload,
        Id = Id,
        Image = "fake",
        State = Running ? "running" : "exited",
        Status = Running ? "Up" : $"Exited ({ExitCode ?? 0})",
        ExitCode = ExitCode,
        SupportRunning = SupportRunning,
    };
}
