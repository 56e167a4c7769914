using Toolshed.Cli.Api;

namespace Toolshed.Cli.Tests.Fakes;

/// <summary>What a CLI test's user types: stdin's text, whether it comes from a terminal, and the API budgets.</summary>
internal sealed record CliInput(string Text = "", bool Interactive = false)
{
    public ApiTimeouts? Timeouts { get; init; }
}
