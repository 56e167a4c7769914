using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Toolshed.Server.Api.Errors;

namespace Toolshed.Server.Ui;

/// <summary>GET /api/v1beta/events: server-sent events with the workload list each time it changes, for the
/// dashboard (and any tool that would rather be told than poll).</summary>
public static class EventsEndpoints
{
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/events", StreamAsync)
            .WithTags("events")
            .WithName("StreamEvents")
            .WithSummary("Stream workload changes")
            .WithDescription("text/event-stream: an event 'servers' with the whole list (as GET /servers?all=true answers, each with restart_count and last_exit_code) now and whenever it changes; a comment every 15 s keeps the stream open.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task StreamAsync(HttpContext http, WorkloadFeed feed)
    {
        if (feed.Subscribe() is not { } reader)
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Too many event streams",
                $"At most {WorkloadFeed.MaxListeners} event streams may be open at once.", "Close a dashboard tab, or try again later.");
            return;
        }

        try
        {
            var response = http.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.Body.FlushAsync(http.RequestAborted);
            var cancellationToken = http.RequestAborted;
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(s_keepAlive);
                string text;
                try
                {
                    text = await reader.ReadAsync(wait.Token) is var json ? $"event: servers\ndata: {json}\n\n" : "";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    text = ": keep-alive\n\n";
                }

                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        finally
        {
            feed.Unsubscribe(reader);
        }
    }
}
