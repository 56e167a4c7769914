using Toolshed.Core.Configuration;

namespace Toolshed.Server.Hosting;

/// <summary>Another daemon holds the state root's lock; the message names it and says what to do.</summary>
public sealed class DaemonAlreadyRunningException(string stateDirectory, DaemonInfo? running, Exception inner)
    : Exception(Describe(stateDirectory, running), inner)
{
    public DaemonInfo? Running { get; } = running;

    private static string Describe(string stateDirectory, DaemonInfo? running)
    {
        var who = running is null ? "Another Toolshed daemon" : $"A Toolshed daemon (pid {running.ProcessId}, {running.Url})";
        return $"{who} already runs on the state root {stateDirectory}. Use it (`shed daemon status`), stop it first "
            + "(`shed daemon stop`), or give this one its own state root with TOOLSHED_HOME.";
    }
}
