namespace Toolshed.Testing.Telemetry;

/// <summary>An event recorded on a span (an exception the SDK recorded shows here as "exception").</summary>
public sealed record ReceivedSpanEvent(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, object?> Attributes);
