namespace Toolshed.Egress;

/// <summary>One line per decision on stdout, which the engine keeps as the sidecar's log. Never request contents.</summary>
internal static class EgressLog
{
    public static void Allowed(string method, string host, int port) => Write($"allow {method} {host}:{port}");

    public static void Denied(string method, string host, int port) => Write($"deny {method} {host}:{port} (not in the allow-list)");

    public static void Failed(string what) => Write($"error {what}");

    public static void Info(string what) => Write(what);

    private static void Write(string line) =>
        Console.Out.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
}
