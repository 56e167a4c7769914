using System.CommandLine;
using System.Text.Json;
using Toolshed.Cli.Output;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `--tools a,b` and `--tools-override FILE` (for `shed run` and `shed tools set`): which tools clients see, and a
/// JSON object of per-tool overrides, <c>{"server_tool": {"name": "…", "description": "…"}}</c>, read here.
/// </summary>
internal sealed class ToolsOptions
{
    public Option<string> Tools { get; } = new("--tools")
    {
        Description = "The only tools clients see, comma-separated, by the names they see (after --tools-override)",
    };

    public Option<string> Override { get; } = new("--tools-override")
    {
        Description = "A JSON file of overrides: {\"server_tool\": {\"name\": \"new_name\", \"description\": \"…\"}}",
    };

    public IEnumerable<Option> All => [Tools, Override];

    public async Task<ToolsConfig> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = parse.GetValue(Tools)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        IReadOnlyDictionary<string, ToolOverrideOptions>? overrides = null;
        if (parse.GetValue(Override) is { } path)
        {
            var text = await InlineFile.ReadAsync(path, "--tools-override", cancellationToken);
            try
            {
                overrides = JsonSerializer.Deserialize(text, CliJsonContext.Default.IReadOnlyDictionaryStringToolOverrideOptions)
                    ?? throw new CliException("--tools-override: the file holds null; give a JSON object of overrides.", ShedApp.ExitUsage);
            }
            catch (JsonException ex)
            {
                throw new CliException(
                    $"--tools-override: {path} is not a JSON object of overrides ({ex.Message}). Write {{\"server_tool\": {{\"name\": \"new_name\", \"description\": \"…\"}}}}.",
                    ShedApp.ExitUsage);
            }
        }

        return new ToolsConfig { Tools = names is { Length: > 0 } ? names : null, ToolsOverride = overrides };
    }
}
