using Toolshed.Cli.Api;

namespace Toolshed.Cli.Mcp;

/// <summary>
/// Waits until a workload answers `initialize` with a result through its proxy, and stops early when it cannot: the
/// server answered an error, or its container exited (or was restarted) meanwhile.
/// </summary>
internal static class WorkloadReadiness
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Ready, or why not; <paramref name="restartsBefore"/> is the restart count before this start (one more
    /// means the server exited meanwhile).</summary>
    public static async Task<ReadinessResult> WaitAsync(
        ToolshedApiClient client, string name, Uri mcpUrl, int restartsBefore, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var last = "no answer yet";
        try
        {
            while (true)
            {
                var attempt = await McpReadinessProbe.TryInitializeAsync(client.Http, mcpUrl, deadline.Token);
                switch (attempt.Outcome)
                {
                    case InitializeOutcome.Ready:
                        return ReadinessResult.Ready(attempt.Detail);
                    case InitializeOutcome.Refused:
                        return ReadinessResult.Failed($"it answered initialize with an error: {attempt.Detail}");
                }

                last = attempt.Detail;
                var details = await client.GetServerAsync(name, deadline.Token);
                if (details.State is "exited" or "dead" || details.RestartCount > restartsBefore)
                {
                    var how = details.LastExitCode is { } code ? $"exit code {code}" : details.Status;
                    return ReadinessResult.Failed($"its server exited before answering initialize ({how})");
                }

                await Task.Delay(s_retryDelay, time, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ReadinessResult.Failed($"it did not answer initialize within {timeout.TotalSeconds:0} s (last: {last})");
        }
    }
}
