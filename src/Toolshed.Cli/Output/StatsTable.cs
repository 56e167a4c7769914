using System.Globalization;
using Toolshed.Server.Telemetry.Api;

namespace Toolshed.Cli.Output;

/// <summary>Live figures as a table for people (`shed stats`, `shed top`): one row per endpoint, its tools indented below.</summary>
internal static class StatsTable
{
    public static TableWriter Create(IEnumerable<EndpointStatsReport> endpoints, bool tools)
    {
        var table = new TableWriter("NAME", "STATE", "SESSIONS", "CALLS/S", "CALLS", "ERRORS", "ERR%", "P50", "P99", "TOTAL", "RESTARTS");
        foreach (var endpoint in endpoints)
        {
            table.AddRow([
                endpoint.Kind == "group" ? $"{endpoint.Name} (group)" : endpoint.Name,
                endpoint.Kind == "group" ? "group" : endpoint.State ?? "–",
                endpoint.Sessions?.ToString(CultureInfo.InvariantCulture) ?? "–",
                .. Figures(endpoint),
                endpoint.Restarts?.ToString(CultureInfo.InvariantCulture) ?? "–",
            ]);
            if (tools)
            {
                foreach (var tool in endpoint.Tools ?? [])
                {
                    table.AddIndentedRow("  ", [TableWriter.Truncate(tool.Name, 48), "", "", .. Figures(tool), ""]);
                }
            }
        }

        return table;
    }

    /// <summary>"last 60 s": what the window columns cover.</summary>
    public static string WindowText(int seconds) => $"last {seconds.ToString(CultureInfo.InvariantCulture)} s";

    private static string[] Figures(StatsFiguresReport figures) =>
    [
        figures.CallsPerSecond.ToString(figures.CallsPerSecond >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture),
        Count(figures.Calls),
        Count(figures.Errors),
        figures.Calls == 0 ? "–" : (figures.ErrorRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        Milliseconds(figures.P50Ms),
        Milliseconds(figures.P99Ms),
        Count(figures.TotalCalls),
    ];

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Milliseconds(double? ms) => ms switch
    {
        null => "–",
        < 10 => ms.Value.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        < 1000 => ms.Value.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => (ms.Value / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
    };
}
