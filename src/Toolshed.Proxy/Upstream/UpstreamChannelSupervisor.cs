using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolshed.Proxy.Stdio;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// Keeps a multiplexer attached to an HTTP upstream: when a channel ends (the server restarted or went away) a fresh one
/// is attached after a back-off that doubles while channels fail without ever connecting, up to a bound. Owns the
/// HTTP client the channels use.
/// </summary>
internal sealed class UpstreamChannelSupervisor(
    StdioMultiplexer multiplexer,
    HttpClient http,
    Func<HttpClient, HttpUpstreamChannel> createChannel,
    TimeProvider timeProvider,
    string workloadName,
    ILogger logger) : BackgroundService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var channel = createChannel(http);
                try
                {
                    multiplexer.Attach(channel);
                    await channel.Completion.WaitAsync(stoppingToken);
                }
                finally
                {
                    if (stoppingToken.IsCancellationRequested)
                    {
                        await multiplexer.DetachAsync();
                    }

                    await channel.DisposeAsync();
                }

                delay = channel.Connected ? FirstDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
                UpstreamLog.ChannelEnded(logger, workloadName, delay);
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            http.Dispose();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        if (ExecuteTask is null)
        {
            http.Dispose();
        }
    }
}
