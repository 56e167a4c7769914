using System.Text.Json;
using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>
/// One daemon with three real servers the group tests share: two everything-servers (grp-ev1, grp-ev2: every tool collides,
/// each tells its own MARK through get-env) and a memory server (grp-mem: no tool in common with them).
/// </summary>
public sealed class GroupWorkloads : IAsyncLifetime
{
    /// <summary>Container names are the engine's, shared by every test class: these are the group tests' own.</summary>
    public const string Ev1 = "grp-ev1";
    public const string Ev2 = "grp-ev2";
    public const string Mem = "grp-mem";

    private readonly TemporaryDirectory _home = new("toolshed-groups");

    private readonly int _apiPort = DaemonProcess.FreePort();

    public GroupWorkloads() => Shed = new ShedScript(_home.Path, _apiPort);

    internal ShedScript Shed { get; }

    public string Home => _home.Path;

    /// <summary>The same daemon, with shed run as a user whose HOME is <paramref name="userHome"/> (client configs go there).</summary>
    internal ShedScript AsUser(string userHome) =>
        new(_home.Path, _apiPort) { Environment = new Dictionary<string, string> { ["HOME"] = userHome } };

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        foreach (var (name, image) in new[] { (Ev1, TestImages.Everything), (Ev2, TestImages.Everything), (Mem, TestImages.Memory) })
        {
            var run = await Shed.RunAsync("run", image, "--name", name, "-e", $"MARK={name}-mark");
            Assert.True(run.ExitCode == 0, run.ToString());
        }
    }

    /// <summary>Creates a group with `shed group create … --format json`; returns its endpoint's port.</summary>
    internal async Task<int> CreateGroupAsync(string name, params string[] options)
    {
        var create = await Shed.RunAsync(["group", "create", name, .. options, "--format", "json"]);
        Assert.True(create.ExitCode == 0, create.ToString());
        return create.UrlPort;
    }

    internal async Task<JsonElement> InspectGroupAsync(string name)
    {
        var inspect = await Shed.RunAsync("group", "inspect", name, "--format", "json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return JsonDocument.Parse(inspect.Stdout).RootElement;
    }

    /// <summary>How many MCP sessions the workload's own endpoint holds (the servers' side of a group's sessions).</summary>
    internal async Task<int> SessionsOfAsync(string workload)
    {
        var inspect = await Shed.RunAsync("inspect", workload, "--format", "json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("sessions").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in new[] { Ev1, Ev2, Mem })
        {
            await Shed.RunAsync("rm", name);
        }

        Shed.KillDaemon();
        _home.Dispose();
    }
}
