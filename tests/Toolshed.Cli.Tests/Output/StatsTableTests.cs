using Toolshed.Cli.Output;
using Toolshed.Server.Telemetry.Api;

namespace Toolshed.Cli.Tests.Output;

public sealed class StatsTableTests
{
    [Fact]
    public async Task Create_EndpointsWithTools_ToolsIndentedUnderTheirServerAndFiguresForPeople()
    {
        var fetch = new EndpointStatsReport
        {
            Name = "fetch", State = "running", Sessions = 2, Restarts = 1, CallsPerSecond = 12.345, Calls = 741, Errors = 3, ErrorRate = 0.00405, P50Ms = 4.2, P99Ms = 1830, TotalCalls = 12_345,
            Tools = [new ToolStatsReport { Name = "fetch", Calls = 740, Errors = 3, ErrorRate = 0.0041, P50Ms = 4.25, P99Ms = 120, TotalCalls = 12_000 }],
        };
        var dev = new EndpointStatsReport { Name = "dev", Kind = "group", Tools = [] };
        using var text = new StringWriter { NewLine = "\n" };

        await StatsTable.Create([fetch, dev], tools: true).WriteAsync(text);

        Assert.Equal(
            """
            NAME         STATE    SESSIONS  CALLS/S  CALLS  ERRORS  ERR%  P50      P99     TOTAL   RESTARTS
            fetch        running  2         12.3     741    3       0.4%  4.20 ms  1.8 s   12,345  1
              fetch                         0.0      740    3       0.4%  4.25 ms  120 ms  12,000
            dev (group)  group    –         0.0      0      0       –     –        –       0       –

            """, text.ToString());
    }
}
