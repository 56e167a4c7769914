namespace Toolshed.Cli.Api;

/// <summary>
/// How long shed waits for the daemon, by kind of call. Every wait has a bound; Ctrl+C cancels any of them at once.
/// </summary>
public sealed record ApiTimeouts
{
    public static ApiTimeouts Default { get; } = new();

    /// <summary>GET /health, asked before every verb: a daemon that does not answer this fast counts as not running.</summary>
    public TimeSpan Health { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Ordinary calls (list, inspect, stop, secrets, registries, client configs).</summary>
    public TimeSpan Request { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Calls that may start or pull a workload: create, restart, delete with its cleanup.</summary>
    public TimeSpan Workload { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest silence on a stream (image pull progress) before shed gives up on it.</summary>
    public TimeSpan StreamIdle { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A budget as shed's messages say it: "300 ms", "2 s", "10 min".</summary>
    internal static string Describe(TimeSpan budget) =>
        budget.TotalMinutes >= 2 ? $"{budget.TotalMinutes:0.#} min"
        : budget.TotalSeconds >= 1 ? $"{budget.TotalSeconds:0.#} s"
        : $"{budget.TotalMilliseconds:0} ms";
}
