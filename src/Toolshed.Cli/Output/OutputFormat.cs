namespace Toolshed.Cli.Output;

/// <summary>Tables for people, JSON for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
}
