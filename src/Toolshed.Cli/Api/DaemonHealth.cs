namespace Toolshed.Cli.Api;

/// <summary>What GET /health said: ok, answered with an error, or nothing listens.</summary>
public enum DaemonHealth
{
    Healthy,
    Unhealthy,
    Unreachable,
}
