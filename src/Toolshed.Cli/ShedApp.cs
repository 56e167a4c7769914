using System.CommandLine;
using Toolshed.Cli.Commands;

namespace Toolshed.Cli;

/// <summary>Entry point of `shed`: parses the verb and runs it. Exit codes: 0 ok, 1 failure, 2 usage error.</summary>
public static class ShedApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var context = new CliContext(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("shed: run MCP servers in containers and serve each at a local URL.")
        {
            ServeCommand.Create(context),
            VersionCommand.Create(context),
        };

        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = context.Out });
            return ExitUsage;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"shed: {error.Message}");
            }

            await context.Error.WriteLineAsync("Run 'shed --help' (or 'shed VERB --help') for usage.");
            return ExitUsage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error });
    }
}
