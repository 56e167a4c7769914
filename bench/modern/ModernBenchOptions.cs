using System.Globalization;

namespace Toolshed.Bench.Modern;

/// <summary>The command line of one run: <c>serve</c> (the proxy side) or <c>measure</c> (the client side).</summary>
internal sealed record ModernBenchOptions
{
    public required string Mode { get; init; }

    /// <summary>serve: the everything-server's entry point (dist/index.js), started as <c>node ENTRY stdio</c>.</summary>
    public string? Server { get; init; }

    /// <summary>serve: where the proxy writes its audit log (the daemon always audits); none turns auditing off.</summary>
    public string? AuditDirectory { get; init; }

    /// <summary>measure: the proxy's /mcp and the trivial endpoint, as <c>serve</c> printed them.</summary>
    public Uri? Mcp { get; init; }

    public Uri? Trivial { get; init; }

    /// <summary>measure: the serving process, whose CPU time per call is read from /proc.</summary>
    public int? Pid { get; init; }

    /// <summary>measure: the MCP server's process (node), whose CPU time per call is read from /proc as well.</summary>
    public int? ServerPid { get; init; }

    public int Rounds { get; init; } = 8;

    public IReadOnlyList<int> Callers { get; init; } = [1, 32];

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long each client is measured against the trivial endpoint (its cost alone, so shorter).</summary>
    public TimeSpan TrivialDuration { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Accept only application/json (both sides then answer JSON, not an event stream).</summary>
    public bool JsonOnly { get; init; }

    /// <summary>Where a tab-separated line per measurement is appended.</summary>
    public string? Output { get; init; }

    public static ModernBenchOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException(Usage);
        }

        var options = new ModernBenchOptions { Mode = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
            options = args[i] switch
            {
                "--server" => options with { Server = Next() },
                "--audit" => options with { AuditDirectory = Next() },
                "--mcp" => options with { Mcp = new Uri(Next()) },
                "--trivial" => options with { Trivial = new Uri(Next()) },
                "--pid" => options with { Pid = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--server-pid" => options with { ServerPid = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--callers" => options with { Callers = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                "--warmup" => options with { WarmUp = Seconds(Next()) },
                "--duration" => options with { Duration = Seconds(Next()) },
                "--trivial-duration" => options with { TrivialDuration = Seconds(Next()) },
                "--accept" => options with { JsonOnly = Next() == "json" },
                "--out" => options with { Output = Next() },
                _ => throw new ArgumentException($"unknown argument {args[i]}\n{Usage}"),
            };
        }

        return options;
    }

    public const string Usage = """
        usage:
          Toolshed.Bench.Modern serve   --server .../server-everything/dist/index.js [--audit DIR]
                                        (prints "ready MCP_URL TRIVIAL_URL", serves until SIGTERM)
          Toolshed.Bench.Modern measure --mcp URL --trivial URL --pid SERVE_PID [--server-pid NODE_PID]
                                        [--rounds 8] [--callers 1,32]
                                        [--warmup S] [--duration S] [--trivial-duration S] [--accept sse|json] [--out FILE]
        """;
}
