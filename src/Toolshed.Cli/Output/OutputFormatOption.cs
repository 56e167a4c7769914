using System.CommandLine;

namespace Toolshed.Cli.Output;

/// <summary>The shared `--format table|json` option.</summary>
internal static class OutputFormatOption
{
    public static Option<OutputFormat> Create() => new("--format")
    {
        Description = "Output format: table (for people) or json (for scripts)",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "table";
            switch (text.ToLowerInvariant())
            {
                case "table":
                    return OutputFormat.Table;
                case "json":
                    return OutputFormat.Json;
                default:
                    result.AddError($"--format must be 'table' or 'json', not '{text}'.");
                    return OutputFormat.Table;
            }
        },
    };
}
