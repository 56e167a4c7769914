using Toolshed.EndToEnd.Tests.Cli;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Daemon;

/// <summary>
/// `shed daemon install|uninstall` through ./shed as a user runs it. systemd is replaced by a stand-in `systemctl` on
/// PATH (these machines have no user systemd, and a test must never enable a service on the machine it runs on): one
/// that fails like a machine without a user bus, one that records what it was asked. The purge runs against a real
/// daemon and a real workload with an egress sidecar on the real engine.
/// </summary>
public sealed class DaemonServiceTests : IDisposable
{
    private readonly TemporaryDirectory _home = new("toolshed-service");
    private readonly TemporaryDirectory _outside = new("toolshed-service-env");
    private readonly ShedScript _shed;
    private readonly int _port = DaemonProcess.FreePort();

    public DaemonServiceTests()
    {
        _shed = new ShedScript(_home.Path, _port);
        _shed.Environment["XDG_CONFIG_HOME"] = _outside.Combine("config");
    }

    private string UnitPath => _outside.Combine("config", "systemd", "user", "toolshed.service");

    private string SystemctlLog => _outside.Combine("systemctl.log");

    public void Dispose()
    {
        _shed.KillDaemon();
        _home.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task InstallPrint_PrintsTheUnitRunningThisCheckoutsScriptOnThisStateRoot()
    {
        var print = await _shed.RunAsync("daemon", "install", "--print");

        Assert.True(print.ExitCode == 0, print.ToString());
        Assert.Contains($"ExecStart=\"{RepositoryPaths.Combine("shed")}\" \"serve\" \"--host\" \"127.0.0.1\" \"--port\" \"{_port}\"", print.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Environment=\"TOOLSHED_HOME={_home.Path}\"", print.Stdout, StringComparison.Ordinal);
        Assert.Contains("Restart=on-failure", print.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(UnitPath), "--print wrote the unit");
    }

    [Fact]
    public async Task Install_NoUserSystemd_PrintsUnitAndCommandsExitsZeroWritesNothing()
    {
        UseSystemctl("echo 'Failed to connect to bus: No medium found' >&2; exit 1");

        var install = await _shed.RunAsync("daemon", "install", "--port", "18234");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("nothing was installed or enabled", install.Stderr, StringComparison.Ordinal);
        Assert.Contains("No medium found", install.Stderr, StringComparison.Ordinal);
        Assert.Contains($"save this unit as {UnitPath}", install.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"--port\" \"18234\"", install.Stdout, StringComparison.Ordinal);
        Assert.Contains("systemctl --user enable --now toolshed.service", install.Stdout, StringComparison.Ordinal);
        Assert.Contains("loginctl enable-linger", install.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(UnitPath), "the unit was written although systemd is not there");
    }

    [Fact]
    public async Task InstallThenUninstall_WithUserSystemd_WritesEnablesThenDisablesAndRemoves()
    {
        UseSystemctl("echo \"$*\" >>\"$SYSTEMCTL_LOG\"; case \"$*\" in *is-active*) exit 3;; esac; exit 0");

        var install = await _shed.RunAsync("daemon", "install");
        var unit = File.Exists(UnitPath) ? await File.ReadAllTextAsync(UnitPath, TestContext.Current.CancellationToken) : "";
        var uninstall = await _shed.RunAsync("daemon", "uninstall");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains($"--port\" \"{_port}\"", unit, StringComparison.Ordinal);
        Assert.Contains("loginctl enable-linger", install.Stdout, StringComparison.Ordinal);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(File.Exists(UnitPath), "uninstall left the unit");
        Assert.Equal(
            ["--user show-environment", "--user daemon-reload", "--user is-active --quiet toolshed.service", "--user enable --now toolshed.service",
             "--user show-environment", "--user disable --now toolshed.service", "--user daemon-reload"],
            await File.ReadAllLinesAsync(SystemctlLog, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UninstallPurge_RealDaemonAndWorkload_RemovesOnlyWhatToolshedMadeAndTheState()
    {
        DockerRequirement.EnsureAvailable();
        UseSystemctl("exit 1");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var foreignContainer = $"toolshed-foreign-{suffix}";
        var foreignNetwork = $"toolshed-foreign-{suffix}-net";
        var profile = _home.Combine("egress.json");
        await File.WriteAllTextAsync(profile, """{"network":{"outbound":{"allow_host":["example.test"],"allow_port":[443]}}}""", TestContext.Current.CancellationToken);
        try
        {
            await DockerCli.RunAsync("network", "create", "--label", "toolshed.test=foreign", foreignNetwork);
            await DockerCli.RunAsync("create", "--name", foreignContainer, "--label", "toolshed.test=foreign", TestImages.Base, "true");
            var run = await _shed.RunAsync("run", TestImages.CSharpServer, "--name", $"purge-{suffix}", "--permission-profile", profile);
            Assert.True(run.ExitCode == 0, run.ToString());
            var instance = (await DockerCli.RunAsync("inspect", "-f", "{{index .Config.Labels \"toolshed.instance\"}}", $"toolshed-purge-{suffix}")).Trim();
            Assert.Matches("^[0-9a-f]{16}$", instance);
            Assert.NotEmpty(await ContainersOfAsync(instance));
            Assert.NotEmpty(await NetworksOfAsync(instance));

            var refused = await _shed.RunAsync("daemon", "uninstall", "--purge");
            Assert.True(refused.ExitCode == 2, refused.ToString());
            Assert.Contains("--yes", refused.Stderr, StringComparison.Ordinal);
            Assert.True(Directory.Exists(_home.Combine("state")), "a refused purge removed the state");

            var purge = await _shed.RunAsync("daemon", "uninstall", "--purge", "--yes");

            Assert.True(purge.ExitCode == 0, purge.ToString());
            Assert.Contains($"Removed workload purge-{suffix}", purge.Stdout, StringComparison.Ordinal);
            Assert.Empty(await ContainersOfAsync(instance));
            Assert.Empty(await NetworksOfAsync(instance));
            Assert.False(Directory.Exists(_home.Combine("state")), "the state directory is still there");
            Assert.False(Directory.Exists(_home.Combine("data")), "the data directory (secrets) is still there");
            Assert.Contains($"Removed directory {_home.Combine("state")}", purge.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, await DockerCli.TryAsync("inspect", foreignContainer));
            Assert.Equal(0, await DockerCli.TryAsync("network", "inspect", foreignNetwork));
            Assert.Equal(1, (await _shed.RunAsync("daemon", "status")).ExitCode);
        }
        finally
        {
            await DockerCli.TryAsync("rm", "-f", foreignContainer);
            await DockerCli.TryAsync("network", "rm", foreignNetwork);
        }
    }

    /// <summary>Puts a stand-in systemctl running <paramref name="script"/> first on PATH.</summary>
    private void UseSystemctl(string script)
    {
        var bin = Directory.CreateDirectory(_outside.Combine("bin")).FullName;
        var path = Path.Combine(bin, "systemctl");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        Assert.False(OperatingSystem.IsWindows(), "the service verbs are for systemd machines");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _shed.Environment["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH");
        _shed.Environment["SYSTEMCTL_LOG"] = SystemctlLog;
    }

    private static async Task<string> ContainersOfAsync(string instance) =>
        (await DockerCli.RunAsync("ps", "-aq", "--filter", $"label=toolshed.instance={instance}")).Trim();

    private static async Task<string> NetworksOfAsync(string instance) =>
        (await DockerCli.RunAsync("network", "ls", "-q", "--filter", $"label=toolshed.instance={instance}")).Trim();
}
