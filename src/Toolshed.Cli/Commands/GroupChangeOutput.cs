using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;

namespace Toolshed.Cli.Commands;

/// <summary>What a verb that changed a group prints: a sentence and the group as it is now, or the group as JSON.</summary>
internal static class GroupChangeOutput
{
    public static async Task<int> WriteAsync(CliContext context, OutputFormat format, string sentence, GroupSummary group)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (format == OutputFormat.Json)
        {
            await context.Out.WriteLineAsync(JsonOutput.Serialize(group));
            return ShedApp.ExitOk;
        }

        await context.Out.WriteLineAsync(sentence);
        await GroupSummaryText.WriteAsync(context.Out, group);
        return ShedApp.ExitOk;
    }
}
