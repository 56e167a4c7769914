namespace Toolshed.Runtime.Docker;

/// <summary>
/// Decides which engine endpoints to try, in order, without touching any of them: an explicit endpoint alone, else
/// DOCKER_HOST alone, else the well-known Docker and Podman sockets.
/// </summary>
public static class DockerEndpointResolver
{
    public const string DefaultDockerSocket = "/var/run/docker.sock";
    public const string RootfulPodmanSocket = "/run/podman/podman.sock";

    /// <param name="configuredEndpoint">The endpoint from <see cref="DockerRuntimeOptions.Endpoint"/>, if any.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable (injected so tests need not mutate the process).</param>
    public static IReadOnlyList<Uri> GetCandidates(string? configuredEndpoint, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configuredEndpoint))
        {
            return [Parse(configuredEndpoint)];
        }

        var dockerHost = getEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return [Parse(dockerHost)];
        }

        var candidates = new List<Uri> { UnixSocket(DefaultDockerSocket) };
        var runtimeDir = getEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrWhiteSpace(runtimeDir))
        {
            candidates.Add(UnixSocket(Path.Combine(runtimeDir, "docker.sock")));
            candidates.Add(UnixSocket(Path.Combine(runtimeDir, "podman", "podman.sock")));
        }

        candidates.Add(UnixSocket(RootfulPodmanSocket));
        return candidates;
    }

    /// <summary>Parses an endpoint: a URI (unix://, tcp://, npipe://, http://) or a bare absolute socket path.</summary>
    public static Uri Parse(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var trimmed = endpoint.Trim();
        if (trimmed.StartsWith('/'))
        {
            return UnixSocket(trimmed);
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "npipe" or "http" or "https"))
        {
            throw new ArgumentException(
                $"'{trimmed}' is not a container engine address; use unix:///path/to/docker.sock or tcp://host:port.",
                nameof(endpoint));
        }

        return uri;
    }

    /// <summary>The socket file behind a unix:// endpoint, or null for other schemes.</summary>
    public static string? SocketPath(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Scheme == "unix" ? Uri.UnescapeDataString(endpoint.AbsolutePath) : null;
    }

    private static Uri UnixSocket(string path) => new("unix://" + path);
}
