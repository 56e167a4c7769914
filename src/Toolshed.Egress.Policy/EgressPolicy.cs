using System.Globalization;

namespace Toolshed.Egress.Policy;

/// <summary>
/// Which destinations a workload may reach: a host must match one of <see cref="Hosts"/> (any host when the list is
/// empty) and the port must be one of <see cref="Ports"/>. A list of hosts with no ports allows 80 and 443.
/// </summary>
public sealed class EgressPolicy
{
    public const string HostsVariable = "TOOLSHED_EGRESS_ALLOW_HOSTS";
    public const string PortsVariable = "TOOLSHED_EGRESS_ALLOW_PORTS";

    /// <summary>The ports allowed when the profile names hosts but no ports: plain HTTP and HTTPS.</summary>
    public static readonly IReadOnlyList<int> DefaultPorts = [80, 443];

    private EgressPolicy(IReadOnlyList<HostRule> hosts, IReadOnlyList<int> ports)
    {
        Hosts = hosts;
        Ports = ports;
    }

    public IReadOnlyList<HostRule> Hosts { get; }

    public IReadOnlyList<int> Ports { get; }

    /// <summary>Builds a policy from a profile's <c>allow_host</c> and <c>allow_port</c>; throws <see cref="FormatException"/>
    /// naming the first bad entry.</summary>
    public static EgressPolicy Create(IEnumerable<string> allowHost, IEnumerable<int> allowPort)
    {
        ArgumentNullException.ThrowIfNull(allowHost);
        ArgumentNullException.ThrowIfNull(allowPort);
        var hosts = new List<HostRule>();
        foreach (var entry in allowHost)
        {
            var rule = HostRule.TryParse(entry, out var error) ?? throw new FormatException(error);
            if (!hosts.Contains(rule))
            {
                hosts.Add(rule);
            }
        }

        var ports = new SortedSet<int>();
        foreach (var port in allowPort)
        {
            if (port is < 1 or > 65535)
            {
                throw new FormatException($"{port} is not a TCP port; allow_port takes numbers from 1 to 65535.");
            }

            ports.Add(port);
        }

        if (hosts.Count == 0 && ports.Count == 0)
        {
            throw new FormatException("an allow-list needs at least one allow_host or allow_port entry.");
        }

        return new EgressPolicy(hosts, ports.Count == 0 ? DefaultPorts : [.. ports]);
    }

    public bool Allows(string host, int port) =>
        Ports.Contains(port) && (Hosts.Count == 0 || Hosts.Any(rule => rule.Matches(host)));

    /// <summary>The policy as the sidecar reads it from its environment.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HostsVariable] = string.Join(',', Hosts),
        [PortsVariable] = string.Join(',', Ports.Select(p => p.ToString(CultureInfo.InvariantCulture))),
    };

    public static EgressPolicy FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var hosts = Split(read(HostsVariable));
        var ports = Split(read(PortsVariable)).Select(text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port
                : throw new FormatException($"{PortsVariable} holds '{text}', which is not a port."));
        return Create(hosts, [.. ports]);
    }

    public override string ToString() =>
        $"hosts [{(Hosts.Count == 0 ? "any" : string.Join(", ", Hosts))}], ports [{string.Join(", ", Ports)}]";

    private static string[] Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
