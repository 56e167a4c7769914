using System.Text.Json;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Protocol;

/// <summary>
/// One daemon, started by ./shed, with the everything-server twice: as a stdio workload (<see cref="Stdio"/>) and as a
/// Streamable HTTP server whose own transport the proxy forwards (<see cref="Http"/>). Both are 2025-era servers: the
/// proxy serves 2026-07-28 clients in front of them by translation.
/// </summary>
public sealed class EraWorkloads : IAsyncLifetime
{
    /// <summary>Container names are the engine's, shared by every test class: these are the protocol tests' own.</summary>
    public const string Stdio = "era-stdio";
    public const string Http = "era-http";

    /// <summary>What `shed logs --audit --tail` returns at most; a test's audit window must fit in it.</summary>
    private const int AuditTail = 10_000;

    private readonly TemporaryDirectory _home = new("toolshed-eras");
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);

    public EraWorkloads() => Shed = new ShedScript(_home.Path, DaemonProcess.FreePort());

    internal ShedScript Shed { get; }

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        string[][] runs =
        [
            ["run", TestImages.Everything, "--name", Stdio, "--format", "json"],
            ["run", TestImages.Everything, "--name", Http, "--transport", "streamable-http", "--target-port", "3001", "--format", "json", "--", "streamableHttp"],
        ];
        foreach (var run in runs)
        {
            var result = await Shed.RunAsync(run);
            Assert.True(result.ExitCode == 0, result.ToString());
            _ports[run[3]] = result.UrlPort;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in new[] { Stdio, Http })
        {
            await Shed.RunAsync("rm", name);
        }

        Shed.KillDaemon();
        _home.Dispose();
    }

    /// <summary>The workload's /mcp endpoint on the proxy.</summary>
    public Uri McpUrl(string workload) => new($"http://127.0.0.1:{_ports[workload]}/mcp");

    /// <summary>Every line of the workload's audit log, read with `shed logs NAME --audit`.</summary>
    internal async Task<IReadOnlyList<JsonElement>> AuditAsync(string workload)
    {
        var logs = await Shed.RunAsync("logs", workload, "--audit", "--tail", AuditTail.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(logs.ExitCode == 0, logs.ToString());
        var lines = logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        Assert.True(lines.Count < AuditTail, $"the audit log of {workload} outgrew what one read returns");
        return lines;
    }

    /// <summary>Where the workload's audit log ends now: lines after it are the ones a test's own clients caused.</summary>
    internal async Task<AuditMark> MarkAuditAsync(string workload) => new(workload, (await AuditAsync(workload)).Count);

    /// <summary>
    /// The audit lines written after <paramref name="mark"/>, once every line in <paramref name="expected"/> (method, or
    /// method and name) is among them: a line is written when its request ends, which may be just after the answer.
    /// </summary>
    internal async Task<IReadOnlyList<JsonElement>> AuditSinceAsync(AuditMark mark, params (string Method, string? Name)[] expected)
    {
        return await Lifecycle.Eventually.GetAsync<IReadOnlyList<JsonElement>>(
            async () =>
            {
                var since = (await AuditAsync(mark.Workload)).Skip(mark.Count).ToList();
                return expected.All(e => since.Any(line => AuditLine.Is(line, e.Method, e.Name))) ? since : null;
            },
            TimeSpan.FromSeconds(10),
            $"the audit log of {mark.Workload} shows {string.Join(", ", expected.Select(e => e.Name is null ? e.Method : $"{e.Method} {e.Name}"))}");
    }
}
