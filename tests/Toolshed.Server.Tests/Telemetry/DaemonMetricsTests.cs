using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Toolshed.Server.Telemetry;

namespace Toolshed.Server.Tests.Telemetry;

public sealed class DaemonMetricsTests
{
    [Fact]
    public void Recordings_ReachTheDaemonMeterWithTheirNamesAndTags()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new DaemonMetrics(services.GetRequiredService<IMeterFactory>());
        var seen = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DaemonMetrics.MeterName && instrument.Meter.Scope == services.GetRequiredService<IMeterFactory>())
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        metrics.WorkloadRestarted("crashy");
        metrics.ImagePulled(TimeSpan.FromSeconds(2), errorType: null);
        metrics.ImageBuilt(TimeSpan.FromSeconds(30), errorType: "ImageBuildException");

        Assert.Collection(
            seen,
            r => Assert.Equal(("toolshed.workload.restarts", 1d, "crashy"), (r.Instrument, r.Value, r.Tags["toolshed.workload.name"])),
            r => Assert.Equal(("toolshed.image.pull.duration", 2d, 0), (r.Instrument, r.Value, r.Tags.Count)),
            r => Assert.Equal(("toolshed.image.build.duration", 30d, "ImageBuildException"), (r.Instrument, r.Value, r.Tags["error.type"])));
    }
}
