using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Stdio;

/// <summary>Where one server notification goes: to every session, or to exactly the listed streams (none: dropped).</summary>
internal sealed record NotificationRoute(bool ToEveryone, IReadOnlyList<MessageSink> Sinks)
{
    public static NotificationRoute Everyone { get; } = new(true, []);

    public static NotificationRoute Nobody { get; } = new(false, []);

    public static NotificationRoute To(IReadOnlyList<MessageSink> sinks) => sinks.Count == 0 ? Nobody : new(false, sinks);
}
