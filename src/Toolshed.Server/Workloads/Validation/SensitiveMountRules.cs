using Toolshed.Core.Configuration;
using Toolshed.Runtime.Docker;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// Which host paths may not be bound into a workload unless the request asks for it by name
/// (<c>"allow_sensitive_mounts": true</c>): the root filesystem, the container engine's sockets, Toolshed's own state,
/// config and data directories, and /proc, /sys, /dev and /boot — each also through a symbolic link, and each also
/// through a directory that contains it (binding /var/run hands over the socket inside it).
/// </summary>
public sealed class SensitiveMountRules
{
    public const string OptInField = "allow_sensitive_mounts";

    private static readonly string[] s_kernelTrees = ["/proc", "/sys", "/dev", "/boot"];

    private readonly List<(string Path, string What)> _protected = [];

    public SensitiveMountRules(ToolshedPaths paths, IEnumerable<string> engineSockets)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(engineSockets);
        foreach (var socket in engineSockets)
        {
            Protect(socket, "the container engine's socket");
        }

        Protect(paths.StateDirectory, "Toolshed's state directory");
        Protect(paths.ConfigDirectory, "Toolshed's config directory");
        Protect(paths.DataDirectory, "Toolshed's data directory");
    }

    /// <summary>The sockets a daemon in this environment could be driving: the well-known Docker, Podman and containerd
    /// ones, DOCKER_HOST's, and the one the daemon was configured with.</summary>
    public static IReadOnlyList<string> EngineSockets(string? configuredEndpoint, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var sockets = new List<string>
        {
            "/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock", "/var/run/podman/podman.sock",
            "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock",
        };
        if (getEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtimeDir)
        {
            sockets.Add(Path.Combine(runtimeDir, "docker.sock"));
            sockets.Add(Path.Combine(runtimeDir, "podman", "podman.sock"));
        }

        if (getEnvironmentVariable("HOME") is { Length: > 0 } home)
        {
            sockets.Add(Path.Combine(home, ".docker", "run", "docker.sock"));
        }

        foreach (var endpoint in new[] { getEnvironmentVariable("DOCKER_HOST"), configuredEndpoint })
        {
            if (string.IsNullOrWhiteSpace(endpoint))
            {
                continue;
            }

            try
            {
                if (DockerEndpointResolver.SocketPath(DockerEndpointResolver.Parse(endpoint)) is { Length: > 0 } socket)
                {
                    sockets.Add(socket);
                }
            }
            catch (ArgumentException)
            {
                // Not an address the runtime would use either.
            }
        }

        return sockets;
    }

    /// <summary>Why binding <paramref name="hostPath"/> is dangerous, or null when it is not.</summary>
    public string? Describe(string hostPath)
    {
        ArgumentNullException.ThrowIfNull(hostPath);
        foreach (var candidate in new[] { HostPathResolver.Normalize(hostPath), HostPathResolver.Resolve(hostPath) }.Distinct(StringComparer.Ordinal))
        {
            if (candidate == "/")
            {
                return "it is the host's root filesystem";
            }

            if (s_kernelTrees.FirstOrDefault(tree => HostPathResolver.IsSameOrUnder(candidate, tree)) is { } kernelTree)
            {
                return $"it is in {kernelTree}, which exposes the host's kernel and devices";
            }

            foreach (var (path, what) in _protected)
            {
                if (HostPathResolver.IsSameOrUnder(candidate, path))
                {
                    return candidate == path ? $"it is {what}" : $"it is inside {what} ({path})";
                }

                if (HostPathResolver.IsSameOrUnder(path, candidate))
                {
                    return $"it contains {what} ({path})";
                }
            }
        }

        return null;
    }

    /// <summary>The sensitive host paths a spec binds (volumes and profile read/write paths), with why each is.</summary>
    public IReadOnlyList<(string HostPath, string Reason)> Find(Core.Workloads.WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var permissions = PermissionProfileParser.Parse(spec.PermissionProfile);
        var hostPaths = spec.Volumes.Select(volume => volume.HostPath)
            .Concat(permissions.Read.Concat(permissions.Write).Select(entry => entry.Split(':')[0]));
        var found = new List<(string, string)>();
        foreach (var hostPath in hostPaths.Distinct(StringComparer.Ordinal))
        {
            if (Describe(hostPath) is { } reason)
            {
                found.Add((hostPath, reason));
            }
        }

        return found;
    }

    private void Protect(string path, string what)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            return;
        }

        foreach (var form in new[] { HostPathResolver.Normalize(path), HostPathResolver.Resolve(path) }.Distinct(StringComparer.Ordinal))
        {
            _protected.Add((form, what));
        }
    }
}
