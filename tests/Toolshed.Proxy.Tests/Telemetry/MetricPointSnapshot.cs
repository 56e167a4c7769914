using OpenTelemetry.Metrics;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>One exported metric point, its tags as a dictionary and its figures read out.</summary>
internal sealed class MetricPointSnapshot
{
    public MetricPointSnapshot(MetricSnapshot metric, MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        Tags = tags;
        if (metric.MetricType == MetricType.Histogram)
        {
            Count = point.GetHistogramCount();
            var bounds = new List<double>();
            foreach (var bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }

            Bounds = bounds;
        }
        else if (metric.MetricType is MetricType.LongSum or MetricType.LongSumNonMonotonic)
        {
            Count = point.GetSumLong();
        }
    }

    public IReadOnlyDictionary<string, object?> Tags { get; }

    /// <summary>A histogram's count, or a long sum's value.</summary>
    public long Count { get; }

    /// <summary>A histogram's bucket boundaries (the last one +Infinity).</summary>
    public IReadOnlyList<double> Bounds { get; } = [];
}
