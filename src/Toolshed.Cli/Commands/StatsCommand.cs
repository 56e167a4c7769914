using System.CommandLine;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;
using Toolshed.Server.Telemetry.Api;

namespace Toolshed.Cli.Commands;

/// <summary>`shed stats [NAME] [--tools] [--window S] [--format table|json]`: live call figures, no backend needed.</summary>
internal static class StatsCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "A server (every workload and group when left out)", Arity = ArgumentArity.ZeroOrOne };
        var tools = new Option<bool>("--tools") { Description = "A row per tool under each server" };
        var window = WindowOption(60);
        var format = OutputFormatOption.Create();
        var command = new Command("stats", "Show calls, errors and latency of servers over the last minute") { name, tools, window, format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var seconds = parse.GetValue(window);
            var withTools = parse.GetValue(tools);
            IReadOnlyList<EndpointStatsReport> endpoints;
            if (parse.GetValue(name) is { } server)
            {
                var one = await client.GetServerStatsAsync(server, seconds, withTools, cancellationToken);
                if (parse.GetValue(format) == OutputFormat.Json)
                {
                    await context.Out.WriteLineAsync(JsonOutput.Serialize(one));
                    return ShedApp.ExitOk;
                }

                endpoints = [one];
            }
            else
            {
                var all = await client.GetStatsAsync(seconds, withTools, cancellationToken);
                if (parse.GetValue(format) == OutputFormat.Json)
                {
                    await context.Out.WriteLineAsync(JsonOutput.Serialize(all));
                    return ShedApp.ExitOk;
                }

                endpoints = all.Endpoints;
                if (endpoints.Count == 0)
                {
                    await context.Out.WriteLineAsync("No servers have served yet. Start one with `shed run NAME`.");
                    return ShedApp.ExitOk;
                }
            }

            await context.Out.WriteLineAsync($"Requests answered, {StatsTable.WindowText(seconds)} (TOTAL: since each server first started; P50/P99 within a factor of two):");
            await StatsTable.Create(endpoints, withTools).WriteAsync(context.Out);
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    /// <summary>The shared `--window SECONDS` option (1 to 60).</summary>
    public static Option<int> WindowOption(int defaultSeconds)
    {
        var option = new Option<int>("--window")
        {
            Description = $"Seconds to look back, 1 to 60 (default {defaultSeconds})",
            HelpName = "seconds",
            DefaultValueFactory = _ => defaultSeconds,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 60)
            {
                result.AddError("--window must be from 1 to 60 seconds.");
            }
        });
        return option;
    }
}
