namespace Toolshed.Testing.Telemetry;

/// <summary>A span's status as exported: the code and, for errors, the description (empty when none was sent).</summary>
public sealed record ReceivedSpanStatus(ReceivedStatusCode Code, string Message)
{
    public static ReceivedSpanStatus Unset { get; } = new(ReceivedStatusCode.Unset, "");
}
