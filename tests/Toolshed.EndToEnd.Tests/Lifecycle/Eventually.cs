namespace Toolshed.EndToEnd.Tests.Lifecycle;

/// <summary>Observes state that another process changes: probes until it answers, or fails after the limit.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan limit, string what)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        Exception? last = null;
        try
        {
            do
            {
                try
                {
                    if (await probe() is { } result)
                    {
                        return result;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    last = ex;
                }
            }
            while (await timer.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Not within {limit.TotalSeconds} s: {what}. Last error: {last?.Message ?? "none"}");
    }
}
