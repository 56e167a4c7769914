using System.Globalization;
using Toolshed.Cli.Output;
using Toolshed.Server.Telemetry.Api;

namespace Toolshed.Cli.Api;

/// <summary>The daemon's live call figures: /api/v1beta/stats and /api/v1beta/servers/{name}/stats.</summary>
internal static class StatsApiClient
{
    public static Task<StatsReport> GetStatsAsync(this ToolshedApiClient client, int window, bool tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(HttpMethod.Get, $"api/v1beta/stats{Query(window, tools)}", null, CliJsonContext.Default.StatsReport, cancellationToken);
    }

    public static Task<EndpointStatsReport> GetServerStatsAsync(this ToolshedApiClient client, string name, int window, bool tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(
            HttpMethod.Get, $"api/v1beta/servers/{ToolshedApiClient.Escape(name)}/stats{Query(window, tools)}", null, CliJsonContext.Default.EndpointStatsReport, cancellationToken);
    }

    private static string Query(int window, bool tools) =>
        $"?window={window.ToString(CultureInfo.InvariantCulture)}{(tools ? "&tools=true" : "")}";
}
