using Toolshed.Cli.Api;
using Toolshed.Cli.Daemon;
using Toolshed.Cli.Terminal;
using Toolshed.Core.Configuration;

namespace Toolshed.Cli;

/// <summary>
/// What every verb writes to and talks to, so tests can capture output, script answers and point the CLI at a fake
/// daemon without touching the console or the process environment.
/// </summary>
public sealed record CliContext(ICliConsole Console)
{
    /// <summary>A context on plain writers, with no input and no terminal.</summary>
    public CliContext(TextWriter output, TextWriter error)
        : this(new TextConsole(output, error))
    {
    }

    /// <summary>Results (<see cref="ICliConsole.Out"/>).</summary>
    public TextWriter Out => Console.Out;

    /// <summary>Diagnostics (<see cref="ICliConsole.Error"/>).</summary>
    public TextWriter Error => Console.Error;

    /// <summary>How long the daemon's API gets to answer each kind of call.</summary>
    public ApiTimeouts ApiTimeouts { get; init; } = ApiTimeouts.Default;

    /// <summary>The daemon's base URL; null reads <c>TOOLSHED_API_URL</c>, then the default.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>Starts `shed serve` in the background when no daemon answers; tests pass a fake.</summary>
    public IDaemonLauncher DaemonLauncher { get; init; } = new BackgroundDaemonLauncher();

    /// <summary>Where the daemon log of an auto-started daemon goes; null reads the environment.</summary>
    public ToolshedPaths? Paths { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long to wait for a daemon this CLI started, and for a new workload's first MCP answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the environment (HOME and the like for client configs); tests pass their own.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>How often `shed logs --follow` asks for new output.</summary>
    public TimeSpan LogPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
