using System.CommandLine;
using System.Globalization;
using System.Text;
using Toolshed.Cli.Api;
using Toolshed.Cli.Output;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed top [--tools] [--window S] [--interval S]`: `shed stats` for every server, redrawn in place until q or
/// Ctrl-C. When stdout is not a terminal it prints one frame and exits, so it can be piped or logged.
/// </summary>
internal static class TopCommand
{
    private const string EnterScreen = "\e[?1049h\e[?25l";
    private const string LeaveScreen = "\e[?25h\e[?1049l";
    private const string Home = "\e[H\e[2J";
    private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(100);

    public static Command Create(CliContext context)
    {
        var tools = new Option<bool>("--tools") { Description = "A row per tool under each server" };
        var window = StatsCommand.WindowOption(10);
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between redraws, 0.5 to 60 (default 1)",
            HelpName = "seconds",
            DefaultValueFactory = _ => 1,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0.5 or > 60 or double.NaN)
            {
                result.AddError("--interval must be from 0.5 to 60 seconds.");
            }
        });
        var command = new Command("top", "Watch calls, errors and latency of every server, live (q quits)") { tools, window, interval };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var every = TimeSpan.FromSeconds(parse.GetValue(interval));
            var seconds = parse.GetValue(window);
            var withTools = parse.GetValue(tools);
            if (!context.Console.IsOutputTerminal)
            {
                await context.Out.WriteAsync(await FrameAsync(client, seconds, withTools, every, context, cancellationToken));
                return ShedApp.ExitOk;
            }

            await context.Out.WriteAsync(EnterScreen);
            try
            {
                while (true)
                {
                    var frame = await FrameAsync(client, seconds, withTools, every, context, cancellationToken);
                    await context.Out.WriteAsync(Home + frame.ReplaceLineEndings("\r\n"));
                    await context.Out.FlushAsync(cancellationToken);
                    if (await QuitTypedWithinAsync(context, every, cancellationToken))
                    {
                        return ShedApp.ExitOk;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ShedApp.ExitOk; // Ctrl-C is how many people leave a top
            }
            finally
            {
                await context.Out.WriteAsync(LeaveScreen);
                await context.Out.FlushAsync(CancellationToken.None);
            }
        }, cancellationToken));
        return command;
    }

    private static async Task<string> FrameAsync(
        ToolshedApiClient client, int seconds, bool tools, TimeSpan every, CliContext context, CancellationToken cancellationToken)
    {
        var report = await client.GetStatsAsync(seconds, tools, cancellationToken);
        var text = new StringBuilder();
        var now = context.TimeProvider.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $"shed top · {StatsTable.WindowText(seconds)} · every {every.TotalSeconds:0.#} s · {now} · q quits\n\n");
        if (report.Endpoints.Count == 0)
        {
            text.Append("No servers have served yet. Start one with `shed run NAME`.\n");
        }
        else
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            await StatsTable.Create(report.Endpoints, tools).WriteAsync(writer);
            text.Append(writer);
        }

        return text.ToString();
    }

    private static async Task<bool> QuitTypedWithinAsync(CliContext context, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = context.TimeProvider.GetTimestamp() + (long)(wait.TotalSeconds * context.TimeProvider.TimestampFrequency);
        while (context.TimeProvider.GetTimestamp() < until)
        {
            while (context.Console.TryReadKey() is { } key)
            {
                if (key is 'q' or 'Q')
                {
                    return true;
                }
            }

            await Task.Delay(KeyPoll, context.TimeProvider, cancellationToken);
        }

        return false;
    }
}
