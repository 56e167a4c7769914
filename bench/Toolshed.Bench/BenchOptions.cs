using System.Globalization;

namespace Toolshed.Bench;

/// <summary>The command line of one driver run: what to measure and for how long.</summary>
internal sealed record BenchOptions
{
    public required string Mode { get; init; }

    public string Target { get; init; } = "target";

    public Uri? Url { get; init; }

    /// <summary>"raw" (a minimal JSON-RPC client) or "sdk" (the official C# SDK's McpClient).</summary>
    public string Client { get; init; } = "raw";

    /// <summary>The stdio command (program then arguments) for the direct-stdio target.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    public IReadOnlyList<Uri> Urls { get; init; } = [];

    public IReadOnlyList<int> Sessions { get; init; } = [1, 4, 32];

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The echo tool's name at the target (a group shows a colliding one as member_echo).</summary>
    public string Tool { get; init; } = "echo";

    /// <summary>The daemon's process id: its CPU time per call (throughput) and its VmRSS (hold) are read from /proc.</summary>
    public int? Pid { get; init; }

    /// <summary>One more process whose CPU time per call is reported (e.g. the OTLP receiver a daemon exports to).</summary>
    public int? PeerPid { get; init; }

    /// <summary>lists: new sessions, each timed on its first tools/list (cold), then on <see cref="Warm"/> more.</summary>
    public int Cold { get; init; } = 20;

    /// <summary>lists: repeats per session; hold: 0 opens sessions without listing.</summary>
    public int Warm { get; init; } = 20;

    /// <summary>hold: the daemon's API and the group whose member_sessions are read (token: TOOLSHED_API_TOKEN).</summary>
    public Uri? Api { get; init; }

    public string? Group { get; init; }

    /// <summary>Where a line per measurement is appended (tab-separated).</summary>
    public string? Output { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException(Usage);
        }

        var options = new BenchOptions { Mode = args[0] };
        var urls = new List<Uri>();
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--target":
                    options = options with { Target = Next() };
                    break;
                case "--client":
                    options = options with { Client = Next() is "sdk" or "raw" ? args[i] : throw new ArgumentException("--client is sdk or raw") };
                    break;
                case "--url":
                    options = options with { Url = new Uri(Next()) };
                    break;
                case "--sessions":
                    options = options with { Sessions = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] };
                    break;
                case "--warmup":
                    options = options with { WarmUp = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--duration":
                    options = options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--tool":
                    options = options with { Tool = Next() };
                    break;
                case "--pid":
                    options = options with { Pid = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--peer-pid":
                    options = options with { PeerPid = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--cold":
                    options = options with { Cold = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--warm":
                    options = options with { Warm = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--api":
                    options = options with { Api = new Uri(Next()) };
                    break;
                case "--group":
                    options = options with { Group = Next() };
                    break;
                case "--out":
                    options = options with { Output = Next() };
                    break;
                case "--":
                    options = options with { Command = args[(i + 1)..] };
                    i = args.Length;
                    break;
                default:
                    urls.Add(new Uri(args[i]));
                    break;
            }
        }

        return options with { Urls = urls };
    }

    public const string Usage = """
        usage:
          Toolshed.Bench http  --target NAME --url http://127.0.0.1:P/mcp [--client raw|sdk] [--tool echo] [--sessions 1,4,32] [--warmup S] [--duration S] [--pid DAEMON] [--peer-pid PID] [--out FILE]
                                           (--peer-pid: one more process's CPU per call, a last column in FILE)
          Toolshed.Bench stdio --target NAME [--sessions ...] [--out FILE] -- COMMAND ARGS...
          Toolshed.Bench touch URL...      (one echo call through each URL, each its own session)
          Toolshed.Bench lists --target NAME --url URL [--client raw|sdk] [--cold 20] [--warm 20] [--out FILE]
                                           (tools/list latency: a new session's first list, then repeats on it)
          Toolshed.Bench hold  --target NAME --url URL --sessions 50,100 --pid DAEMON [--api URL --group NAME] [--warm 0] [--out FILE]
                                           (daemon VmRSS with 0, then 50, then 100 open sessions that each listed the
                                            tools once; --warm 0: that only initialized)
        """;
}
