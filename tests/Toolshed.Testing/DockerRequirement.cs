using System.Net.Sockets;
using Xunit;


namespace Toolshed.Testing;

/// <summary>
/// Tests that need a container engine call <see cref="EnsureAvailable"/> first. It FAILS (never skips) with a message
/// saying how to get an engine: scripts/test starts one, so a missing engine is a broken setup, not a reason to skip.
/// </summary>
public static class DockerRequirement
{
    private static readonly Lazy<string?> s_problem = new(Probe);

    public static void EnsureAvailable()
    {
        if (s_problem.Value is { } problem)
        {
            Assert.Fail($"These tests need a Docker engine: {problem}. Run them through scripts/test, which starts one.");
        }
    }

    private static string? Probe()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is not null && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";
        if (host is not null && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return null; // A TCP engine: let the tests themselves find out.
        }

        if (!File.Exists(socketPath))
        {
            return $"no socket at {socketPath}";
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return null;
        }
        catch (SocketException ex)
        {
            return $"{socketPath} does not answer ({ex.SocketErrorCode})";
        }
    }
}
