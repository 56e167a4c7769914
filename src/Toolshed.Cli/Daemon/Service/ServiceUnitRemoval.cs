namespace Toolshed.Cli.Daemon.Service;

/// <summary>Disables and removes the user unit `shed daemon install` wrote; where no user systemd answers it only
/// deletes the file (there is nothing enabled to undo).</summary>
internal static class ServiceUnitRemoval
{
    public static async Task RunAsync(CliContext context, string unitPath, PurgeReport report, CancellationToken cancellationToken)
    {
        if (!File.Exists(unitPath))
        {
            await context.Out.WriteLineAsync($"No Toolshed service unit at {unitPath}: there is no service to remove.");
            return;
        }

        var probe = await SystemctlUser.ProbeAsync(cancellationToken);
        if (probe.Succeeded)
        {
            var disable = await SystemctlUser.RunAsync(cancellationToken, "disable", "--now", ServiceUnit.Name);
            if (!disable.Succeeded)
            {
                await context.Error.WriteLineAsync($"shed: `systemctl --user disable --now {ServiceUnit.Name}` failed (exit {disable.ExitCode}): {disable.Message}");
            }
        }

        File.Delete(unitPath);
        report.Removed.Add($"service unit {unitPath}");
        if (probe.Succeeded)
        {
            await SystemctlUser.RunAsync(cancellationToken, "daemon-reload");
            report.Removed.Add($"the {ServiceUnit.Name} user service (disabled and stopped)");
        }
        else
        {
            await context.Error.WriteLineAsync($"shed: systemd is not available here ({probe.Message}): the unit file was deleted, nothing was disabled.");
        }
    }
}
