using System.CommandLine;
using System.Reflection;
using Toolshed.Cli.Api;
using Toolshed.Cli.Daemon;
using Toolshed.Cli.Daemon.Service;
using Toolshed.Core.Configuration;
using Toolshed.Server.Hosting;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed daemon install [--port N] [--print]`: writes the systemd user unit that runs this checkout's `shed serve` on
/// this state root, then reloads systemd and enables and starts it. Where no user systemd answers it prints the unit
/// and the commands instead and changes nothing.
/// </summary>
internal static class DaemonInstallCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port")
        {
            Description = $"Port of the daemon's API (default: the port of {ApiEndpoint.EnvironmentVariable}, else {ToolshedServerOptions.DefaultPort})",
        }.CheckInt(value => value is < 1 or > 65535 ? $"--port must be between 1 and 65535, not {value}." : null);
        var print = new Option<bool>("--print") { Description = "Only print the unit; install nothing" };
        var command = new Command("install",
            "Run the daemon as a systemd user service (toolshed.service), so it and every workload's URL come back after a logout or reboot; "
            + "`loginctl enable-linger $USER` makes it start at boot without a login. Without systemd it prints the unit and what to run.")
        {
            port, print,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = context.Paths ?? ToolshedPaths.FromEnvironment();
            string text;
            try
            {
                text = ServiceUnitRenderer.Render(ServiceUnitFactory.Create(ServeCommandFor(context, parse.GetResult(port) is null ? null : parse.GetValue(port)), paths, context.GetVariable));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or CliException)
            {
                await context.Error.WriteLineAsync($"shed: cannot write the service unit: {ex.Message}");
                return ShedApp.ExitFailure;
            }

            if (parse.GetValue(print))
            {
                await context.Out.WriteAsync(text);
                return ShedApp.ExitOk;
            }

            var unitPath = ServiceUnitLocation.For(context.GetVariable);
            if (context.GetVariable(Core.Secrets.SecretStoreOptions.PasswordVariable) is { Length: > 0 })
            {
                await context.Error.WriteLineAsync(
                    $"shed: note: {Core.Secrets.SecretStoreOptions.PasswordVariable} is set here but the unit does not carry it (a secret never goes into a unit file); give it to the service with `systemctl --user edit {ServiceUnit.Name}` and an EnvironmentFile= readable only by you.");
            }

            var probe = await SystemctlUser.ProbeAsync(cancellationToken);
            if (!probe.Succeeded)
            {
                await context.Error.WriteLineAsync($"shed: systemd is not available here ({probe.Message}); nothing was installed or enabled.");
                await PrintManualStepsAsync(context.Out, text, unitPath);
                return ShedApp.ExitOk;
            }

            return await InstallAsync(context, paths, text, unitPath, cancellationToken);
        });
        return command;
    }

    private static async Task<int> InstallAsync(CliContext context, ToolshedPaths paths, string text, string unitPath, CancellationToken cancellationToken)
    {
        // The unit appends to the daemon log, whose directory must exist before systemd opens it.
        paths.EnsureCreated();
        Directory.CreateDirectory(Path.GetDirectoryName(unitPath)!);
        await File.WriteAllTextAsync(unitPath, text, cancellationToken);
        await context.Out.WriteLineAsync($"Wrote {unitPath}");
        if (await StepAsync(context, cancellationToken, "daemon-reload") is { } failed)
        {
            return failed;
        }

        var wasActive = (await SystemctlUser.RunAsync(cancellationToken, "is-active", "--quiet", ServiceUnit.Name)).Succeeded;
        if (!wasActive)
        {
            // A daemon started by `shed` or `shed serve` holds the state root: it makes way for the service, whose
            // daemon adopts the running workloads.
            var (problem, stopped) = await DaemonStopper.StopAsync(context, paths, cancellationToken);
            if (problem is not null)
            {
                await context.Error.WriteLineAsync($"shed: {problem} The service cannot start while it holds the state root.");
                return ShedApp.ExitFailure;
            }

            if (stopped is { } pid)
            {
                await context.Out.WriteLineAsync($"Stopped the daemon that ran outside the service (pid {pid}); the service takes over its workloads.");
            }
        }

        if (await StepAsync(context, cancellationToken, "enable", "--now", ServiceUnit.Name) is { } notEnabled)
        {
            return notEnabled;
        }

        if (wasActive && await StepAsync(context, cancellationToken, "restart", ServiceUnit.Name) is { } notRestarted)
        {
            return notRestarted;
        }

        await context.Out.WriteLineAsync($"Enabled and started {ServiceUnit.Name}: the daemon now starts with your user session and restarts when it fails.");
        await context.Out.WriteLineAsync("For it to start at boot without a login, run: loginctl enable-linger $USER");
        await context.Out.WriteLineAsync($"Log: {paths.DaemonLogPath} (`shed daemon logs`). Remove it with `shed daemon uninstall`.");
        return ShedApp.ExitOk;
    }

    private static async Task<int?> StepAsync(CliContext context, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await SystemctlUser.RunAsync(cancellationToken, arguments);
        if (result.Succeeded)
        {
            return null;
        }

        await context.Error.WriteLineAsync($"shed: `systemctl --user {string.Join(' ', arguments)}` failed (exit {result.ExitCode}): {result.Message}");
        await context.Error.WriteLineAsync($"See `systemctl --user status {ServiceUnit.Name}` and `journalctl --user -u toolshed`.");
        return ShedApp.ExitFailure;
    }

    private static async Task PrintManualStepsAsync(TextWriter output, string text, string unitPath)
    {
        await output.WriteLineAsync($"To run the daemon as a service where systemd runs, save this unit as {unitPath}:");
        await output.WriteLineAsync();
        await output.WriteAsync(text);
        await output.WriteLineAsync();
        await output.WriteLineAsync("then run:");
        await output.WriteLineAsync("  systemctl --user daemon-reload");
        await output.WriteLineAsync($"  systemctl --user enable --now {ServiceUnit.Name}");
        await output.WriteLineAsync("  loginctl enable-linger $USER    # start it at boot, without a login");
        await output.WriteLineAsync("Without systemd, start the daemon with `shed daemon start`, or run `shed serve` under the supervisor you use.");
    }

    /// <summary>`shed serve` for this build on the API URL's host (loopback only) and the chosen port.</summary>
    private static IReadOnlyList<string> ServeCommandFor(CliContext context, int? port)
    {
        var configured = ApiEndpoint.Resolve(context.ApiUrl, paths: null, context.GetVariable);
        var url = new UriBuilder(AutoStartPolicy.IsLoopback(configured) ? configured : new Uri(ApiEndpoint.DefaultUrl))
        {
            Scheme = Uri.UriSchemeHttp,
            Port = port ?? (AutoStartPolicy.IsLoopback(configured) ? configured.Port : ToolshedServerOptions.DefaultPort),
        }.Uri;
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("cannot tell which executable is running.");
        return ServiceUnitFactory.ServeCommand(processPath, Assembly.GetEntryAssembly()?.Location, url);
    }
}
