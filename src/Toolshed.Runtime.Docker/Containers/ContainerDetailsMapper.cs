using System.Globalization;
using Docker.DotNet.Models;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker;

/// <summary>Maps the engine's inspect and list answers to <see cref="ContainerDetails"/>.</summary>
internal static class ContainerDetailsMapper
{
    public static ContainerDetails FromInspect(ContainerInspectResponse response, DateTimeOffset now)
    {
        var state = response.State;
        var status = state?.Status ?? "unknown";
        // A running container reports its published ports under NetworkSettings; otherwise fall back to what was asked.
        var ports = response.NetworkSettings?.Ports is { Count: > 0 } published
            ? published
            : response.HostConfig?.PortBindings;
        return new ContainerDetails
        {
            Id = response.ID,
            Name = response.Name?.TrimStart('/') ?? "",
            Image = response.Config?.Image ?? response.Image ?? "",
            Labels = ToReadOnly(response.Config?.Labels),
            State = status,
            Status = ContainerStatusText.From(state, now),
            Created = new DateTimeOffset(DateTime.SpecifyKind(response.Created, DateTimeKind.Utc)),
            StartedAt = ContainerStatusText.ParseTimestamp(state?.StartedAt),
            ExitCode = status is "exited" or "dead" or "restarting" ? state?.ExitCode : null,
            Ports = MapPorts(ports),
            NetworkMode = response.HostConfig?.NetworkMode,
            NetworkAddresses = (response.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                .Where(n => !string.IsNullOrEmpty(n.Value?.IPAddress))
                .ToDictionary(n => n.Key, n => n.Value.IPAddress, StringComparer.Ordinal),
        };
    }

    public static ContainerDetails FromList(ContainerListResponse response) => new()
    {
        Id = response.ID,
        Name = response.Names?.FirstOrDefault()?.TrimStart('/') ?? "",
        Image = response.Image ?? "",
        Labels = ToReadOnly(response.Labels),
        State = response.State ?? "unknown",
        Status = response.Status ?? "",
        Created = new DateTimeOffset(DateTime.SpecifyKind(response.Created, DateTimeKind.Utc)),
        ExitCode = null,
        NetworkMode = response.HostConfig?.NetworkMode,
        Ports = [.. (response.Ports ?? [])
            .Select(p => new ContainerPortInfo(p.PrivatePort, p.PublicPort ?? 0, p.Type ?? "tcp", p.IP ?? ""))
            .DistinctBy(p => (p.ContainerPort, p.HostPort, p.Protocol, p.HostIp))
            .OrderBy(p => p.ContainerPort)],
    };

    /// <summary>Maps "8080/tcp" → bindings; a port with no binding is listed with host port 0.</summary>
    public static IReadOnlyList<ContainerPortInfo> MapPorts(IDictionary<string, IList<PortBinding>>? ports)
    {
        if (ports is null)
        {
            return [];
        }

        var result = new List<ContainerPortInfo>();
        foreach (var (key, bindings) in ports)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var portText = slash < 0 ? key : key[..slash];
            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort))
            {
                continue;
            }

            if (bindings is null || bindings.Count == 0)
            {
                result.Add(new ContainerPortInfo(containerPort, 0, protocol));
                continue;
            }

            foreach (var binding in bindings)
            {
                _ = int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort);
                result.Add(new ContainerPortInfo(containerPort, hostPort, protocol, binding.HostIP ?? ""));
            }
        }

        return [.. result.OrderBy(p => p.ContainerPort)];
    }

    private static Dictionary<string, string> ToReadOnly(IDictionary<string, string>? labels) =>
        labels is null ? [] : new Dictionary<string, string>(labels);
}
