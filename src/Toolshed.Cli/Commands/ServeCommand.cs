using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Toolshed.Core.Configuration;
using Toolshed.Server.Hosting;

namespace Toolshed.Cli.Commands;

/// <summary>`shed serve [--host 127.0.0.1] [--port 8080]`: the daemon, in this process, until SIGINT/SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var host = new Option<string>("--host")
        {
            Description = "Address the REST API binds to",
            DefaultValueFactory = _ => ToolshedServerOptions.DefaultHost,
        };
        var port = new Option<int>("--port")
        {
            Description = "Port of the REST API",
            DefaultValueFactory = _ => ToolshedServerOptions.DefaultPort,
        }.CheckInt(value => value is < 0 or > 65535 ? $"--port must be between 0 and 65535, not {value}." : null);

        var command = new Command("serve", "Run the Toolshed daemon: REST API, workload proxies, reconciler") { host, port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ToolshedServerOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port) };
            var paths = ToolshedPaths.FromEnvironment();
            paths.EnsureCreated();
            await using var app = ToolshedServer.Build(options, paths);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                await context.Error.WriteLineAsync(
                    $"shed serve: cannot listen on {options.Host}:{options.Port}: {ex.Message} Is another daemon running? Pick another --port.");
                return ShedApp.ExitFailure;
            }

            await context.Out.WriteLineAsync($"Toolshed {Server.Api.SystemEndpoints.ProductVersion} serving the API at http://{options.Host}:{options.Port}/api/v1beta (state: {paths.StateDirectory})");
            await app.WaitForShutdownAsync(cancellationToken);
            return ShedApp.ExitOk;
        });
        return command;
    }
}
