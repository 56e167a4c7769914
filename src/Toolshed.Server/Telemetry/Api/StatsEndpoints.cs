using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Toolshed.Core.Errors;
using Toolshed.Proxy.Telemetry.Stats;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Telemetry.Api;

/// <summary>
/// Live call figures without any telemetry backend (what `shed stats` and `shed top` show): per workload and group,
/// over the last minute at most, from memory.
/// </summary>
public static class StatsEndpoints
{
    private const string WindowHelp = "window: seconds to look back, 1 to 60 (default 60); tools=true adds a row per tool.";

    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/stats", (string? window, bool? tools, EndpointStatsStore stats) =>
            {
                var seconds = WindowOf(window);
                var withTools = tools == true;
                return Results.Ok(new StatsReport
                {
                    WindowSeconds = seconds,
                    Endpoints = [.. stats.ReadAll(seconds, withTools).Select(s => EndpointStatsReport.From(s, withTools))],
                });
            })
            .WithTags("stats")
            .WithName("GetStats")
            .WithSummary("Live call figures of every workload and group")
            .WithDescription("Toolshed extension. Requests answered, errors (JSON-RPC errors, tool results with isError, denials, timeouts), calls per second and estimated p50/p99 latency (true to within a factor of two) over the window, and totals since each endpoint first started. " + WindowHelp)
            .Produces<StatsReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/servers/{name}/stats", async (string name, string? window, bool? tools, EndpointStatsStore stats, WorkloadStore workloads, CancellationToken cancellationToken) =>
            {
                var seconds = WindowOf(window);
                var withTools = tools == true;
                _ = await workloads.GetAsync(name, cancellationToken) ?? throw WorkloadErrors.NotFound(name);
                return Results.Ok(stats.Read(name, isGroup: false, seconds, withTools) is { } snapshot
                    ? EndpointStatsReport.From(snapshot, withTools)
                    : EndpointStatsReport.Empty(name, seconds, withTools));
            })
            .WithTags("servers")
            .WithName("GetServerStats")
            .WithSummary("Live call figures of one server")
            .WithDescription("Toolshed extension. As GET /stats, for one workload. " + WindowHelp)
            .Produces<EndpointStatsReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static int WindowOf(string? text)
    {
        if (text is null)
        {
            return EndpointStatsStore.WindowSeconds;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > EndpointStatsStore.WindowSeconds)
        {
            throw new InvalidInputException(
                $"window must be a whole number of seconds from 1 to {EndpointStatsStore.WindowSeconds}, not '{(text.Length > 20 ? text[..20] + "…" : text)}'.",
                "window", "Leave it out for the last minute.");
        }

        return seconds;
    }
}
