using System.Globalization;
using Toolshed.Core.Workloads;

namespace Toolshed.Server.Workloads;

/// <summary>Where a workload's proxy answers: a wildcard or loopback bind is reached at 127.0.0.1.</summary>
public static class WorkloadUrls
{
    public static string Mcp(WorkloadSpec spec) => Base(spec) + "/mcp";

    public static string Sse(WorkloadSpec spec) => Base(spec) + "/sse";

    /// <summary>The host part of a URL for a proxy bound to <paramref name="bindHost"/>.</summary>
    public static string UrlHost(string? bindHost) => bindHost?.Trim() switch
    {
        null or "" or "0.0.0.0" or "*" or "::" or "localhost" => "127.0.0.1",
        var host when host.Contains(':', StringComparison.Ordinal) => $"[{host}]",
        var host => host,
    };

    private static string Base(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return $"http://{UrlHost(spec.Host)}:{spec.ProxyPort.ToString(CultureInfo.InvariantCulture)}";
    }
}
