using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>
/// One meter factory for every proxy the tests start, never disposed, as a daemon has one: a test's disposed service
/// provider would otherwise dispose its "Toolshed.Mcp" meter, and the SDK ends the stream that another test's meter
/// of the same name still feeds.
/// </summary>
internal static class TestMeters
{
    private static readonly ServiceProvider s_services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public static IMeterFactory Factory { get; } = s_services.GetRequiredService<IMeterFactory>();

    /// <summary>A telemetry that lives as long as the test process (it is never disposed, so its meter stays).</summary>
    public static McpTelemetry Create(TelemetryOptions? options = null) => new(Factory, options);
}
