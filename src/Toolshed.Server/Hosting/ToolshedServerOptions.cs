using Toolshed.Core.Workloads;

namespace Toolshed.Server.Hosting;

/// <summary>How `shed serve` runs: where the REST API listens.</summary>
public sealed record ToolshedServerOptions
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 8080;

    public string Host { get; init; } = DefaultHost;

    /// <summary>The REST API port; 0 lets the OS choose (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>How often added registries are read again; zero: only at start and when added.</summary>
    public TimeSpan RegistryRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Where package versions are resolved (npm, PyPI, the Go module proxy).</summary>
    public Packages.PackageSourceOptions PackageSources { get; init; } = new();

    /// <summary>The images packages are built on and run from, and the CA bundle builds trust.</summary>
    public Toolshed.Runtime.Docker.Packages.PackageImageOptions PackageImages { get; init; } = new();

    /// <summary>When set, every API request but /health needs a bearer token from this issuer (`shed serve --oidc-*`).</summary>
    public OidcSettings? Oidc { get; init; }

    /// <summary>The network egress sidecars reach the outside from (`shed serve --egress-network`).</summary>
    public string EgressNetwork { get; init; } = new Toolshed.Runtime.Docker.Egress.EgressOptions().OutboundNetwork;

    /// <summary>
    /// Host names clients may use to reach loopback-bound listeners besides loopback addresses and localhost
    /// (`shed serve --allowed-host`, repeatable); any other Host is refused (403) against DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>How long an MCP server has to answer a request through its proxy (`shed serve --request-timeout`).</summary>
    public TimeSpan RequestTimeout { get; init; } = Toolshed.Proxy.WorkloadProxyOptions.DefaultRequestTimeout;

    /// <summary>Where traces and metrics are exported (`shed serve --otel-* --metrics-address`); none by default.</summary>
    public Telemetry.TelemetrySettings Telemetry { get; init; } = new();

    /// <summary>The IPv4 range egress networks take their /28 from (`shed serve --egress-subnet-pool`).</summary>
    public string EgressSubnetPool { get; init; } = new Toolshed.Runtime.Docker.Egress.EgressOptions().SubnetPool;
}
