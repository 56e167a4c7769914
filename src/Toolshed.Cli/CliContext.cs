namespace Toolshed.Cli;

/// <summary>What every verb writes to, so tests can capture output without touching the console.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);
