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
        api.MapGet("/stats", async (string? window, bool? tools, EndpointStatsStore stats, WorkloadManager manager, WorkloadStore store, CancellationToken cancellationToken) =>
            {
                var seconds = WindowOf(window);
                var withTools = tools == true;
                var workloads = await WorkloadStatesAsync(manager, store, cancellationToken);
                var reports = new List<EndpointStatsReport>();
                foreach (var (name, (state, restarts)) in workloads.OrderBy(w => w.Key, StringComparer.Ordinal))
                {
                    reports.Add(Of(stats.Read(name, isGroup: false, seconds, withTools), name, seconds, withTools) with { State = state, Restarts = restarts });
                }

                reports.AddRange(stats.ReadAll(seconds, withTools).Where(s => s.IsGroup).Select(s => EndpointStatsReport.From(s, withTools)));
                return Results.Ok(new StatsReport { WindowSeconds = seconds, Endpoints = reports });
            })
            .WithTags("stats")
            .WithName("GetStats")
            .WithSummary("Live call figures of every workload and group")
            .WithDescription("Toolshed extension. Every workload (zeros until it serves), then every group: state, restarts and open sessions now; requests answered, errors (JSON-RPC errors, tool results with isError, denials, timeouts), calls per second and estimated p50/p99 latency (true to within a factor of two) over the window, and totals since each endpoint first started. " + WindowHelp)
            .Produces<StatsReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/servers/{name}/stats", async (string name, string? window, bool? tools, EndpointStatsStore stats, WorkloadManager manager, WorkloadStore store, CancellationToken cancellationToken) =>
            {
                var seconds = WindowOf(window);
                var withTools = tools == true;
                var record = await store.GetAsync(name, cancellationToken) ?? throw WorkloadErrors.NotFound(name);
                var state = (await manager.ListAsync(all: true, cancellationToken)).FirstOrDefault(w => w.Name == name)?.State;
                return Results.Ok(Of(stats.Read(name, isGroup: false, seconds, withTools), name, seconds, withTools) with { State = state, Restarts = record.RestartCount });
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

    private static EndpointStatsReport Of(EndpointStatsSnapshot? snapshot, string name, int seconds, bool tools) =>
        snapshot is null ? EndpointStatsReport.Empty(name, seconds, tools) : EndpointStatsReport.From(snapshot, tools);

    /// <summary>Every workload's state (from the runtime) and restart count (from the store), by name.</summary>
    private static async Task<Dictionary<string, (string? State, int Restarts)>> WorkloadStatesAsync(
        WorkloadManager manager, WorkloadStore store, CancellationToken cancellationToken)
    {
        var states = (await manager.ListAsync(all: true, cancellationToken)).ToDictionary(w => w.Name, w => w.State, StringComparer.Ordinal);
        return (await store.ListAsync(cancellationToken)).ToDictionary(
            r => r.Spec.Name, r => (states.GetValueOrDefault(r.Spec.Name), r.RestartCount), StringComparer.Ordinal);
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
