using System.CommandLine;
using Toolshed.Cli.Commands;
using Toolshed.Cli.Terminal;

namespace Toolshed.Cli;

/// <summary>Entry point of `shed`: parses the verb and runs it. Exit codes: 0 ok, 1 failure, 2 usage error.</summary>
public static class ShedApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    /// <summary>Runs on the process's terminal, or on the writers given (then without input).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        RunAsync(args, stdout is null && stderr is null
            ? new CliContext(new SystemConsole())
            : new CliContext(new TextConsole(stdout ?? Console.Out, stderr ?? Console.Error)));

    /// <summary>Runs with an explicit context: tests point it at a fake daemon (<see cref="CliContext.ApiUrl"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand(
            "shed: run MCP servers in containers and serve each at a local URL, or several together at one (`shed group`).\n"
            + "Every verb talks to the Toolshed daemon (`shed serve`): at TOOLSHED_API_URL when set, else the daemon of this state root "
            + "(TOOLSHED_HOME, else the XDG directories), else http://127.0.0.1:8080 (the default port is 8080); shed starts one in the "
            + "background when none answers there. Workload URLs are served by the daemon: they answer only while it runs "
            + "(`shed daemon install` keeps it running as a service).")
        {
            RunCommand.Create(context),
            ListCommand.Create(context),
            StopCommand.Create(context),
            RestartCommand.Create(context),
            InspectCommand.Create(context),
            RemoveCommand.Create(context),
            LogsCommand.Create(context),
            RegistryCommand.Create(context),
            SearchCommand.Create(context),
            ServeCommand.Create(context),
            DaemonCommand.Create(context),
            VersionCommand.Create(context),
            SecretCommand.Create(context),
            ClientCommand.Create(context),
            ProxyStdioCommand.Create(context),
            AuthCommand.Create(context),
            ToolsCommand.Create(context),
            GroupCommand.Create(context),
            UiCommand.Create(context),
            StatsCommand.Create(context),
            TopCommand.Create(context),
        };

        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = context.Out }, cancellationToken);
            return ExitUsage;
        }

        if (UnknownWordCheck.FindUnknownVerb(root, args) is { } unknownVerb)
        {
            await context.Error.WriteLineAsync($"shed: {unknownVerb}");
            return ExitUsage;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"shed: {error.Message}");
            }

            foreach (var unmatched in parse.UnmatchedTokens)
            {
                if (UnknownWordCheck.SuggestOption(parse, unmatched) is { Length: > 0 } suggestion)
                {
                    await context.Error.WriteLineAsync($"shed: '{unmatched}':{suggestion}");
                }
            }

            await context.Error.WriteLineAsync("Run 'shed --help' (or 'shed VERB --help') for usage.");
            return ExitUsage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }
}
