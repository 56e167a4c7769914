using Toolshed.Clients;

namespace Toolshed.Server.Clients;

/// <summary>One start of one workload being watched for readiness; cancelled when a newer start or a delete replaces it.</summary>
internal sealed class ReadinessWatch(WorkloadEndpoint workload, CancellationTokenSource cancellation)
{
    public WorkloadEndpoint Workload { get; } = workload;

    public CancellationToken Token { get; } = cancellation.Token;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Run(Task watching) => Completion = watching.ContinueWith(_ => cancellation.Dispose(), TaskScheduler.Default);

    public void Cancel()
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The watch has finished already.
        }
    }
}
