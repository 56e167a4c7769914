using System.Globalization;
using System.Text;
using System.Text.Json;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Output;

/// <summary>`shed inspect`'s text view: one "Key: value" line per fact, lists indented below their key.</summary>
internal static class ServerDetailsText
{
    public static string Render(ServerDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var text = new StringBuilder();
        Line(text, "Name", details.Name);
        Line(text, "State", $"{details.State} ({details.Status})");
        Line(text, "Ready", details.Ready ? "yes: it answered MCP initialize through its proxy" : "no: it has not answered MCP initialize since it started");
        Line(text, "Streamable HTTP", Or(details.Url, "(not served while stopped)"));
        Line(text, "SSE (legacy)", Or(details.SseUrl, "(not served while stopped)"));
        if (details.Protocols is { } protocols)
        {
            Line(text, "MCP revisions", string.Join(", ", protocols.Served));
            Line(text, "Server speaks", protocols.Server is null
                ? "(not known until it has answered the proxy's initialize)"
                : protocols.Translated.Count > 0 ? $"{protocols.Server} (the proxy translates {string.Join(", ", protocols.Translated)} for it)" : protocols.Server);
        }

        Line(text, "Transport", details.TargetPort is { } port ? $"{details.Transport} (container port {port.ToString(CultureInfo.InvariantCulture)})" : details.Transport);
        Line(text, "Image", details.Image);
        if (details.RegistryServer is { } registry)
        {
            Line(text, "From registry", registry);
        }

        Line(text, "Container", details.Id.Length > 12 ? details.Id[..12] : Or(details.Id, "(none)"));
        Line(text, "Proxy bind", $"{details.Host}:{details.ProxyPort.ToString(CultureInfo.InvariantCulture)}");
        List(text, "Arguments", details.CmdArguments);
        List(text, "Environment", details.EnvVarNames);
        List(text, "Secrets", [.. details.Secrets.Select(s => $"{s.Name} -> {s.Target}")]);
        List(text, "Volumes", details.Volumes);
        Line(text, "Permission profile", details.PermissionProfile.ValueKind == JsonValueKind.String
            ? details.PermissionProfile.GetString()
            : details.PermissionProfile.GetRawText());
        Line(text, "Network", details.Network);
        if (details.Egress is { } egress)
        {
            List(text, "Egress hosts", egress.AllowHost);
            List(text, "Egress ports", [.. egress.AllowPort.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        }

        Line(text, "Memory limit", Bytes(details.MemoryLimit));
        Line(text, "Pids limit", details.PidsLimit.ToString(CultureInfo.InvariantCulture));
        Line(text, "Authorization", details.Authz ? "Cedar policy" : "none");
        Line(text, "OIDC", details.Oidc is { } oidc ? $"issuer {oidc.Issuer}, audience {oidc.Audience}" : "none");
        Line(text, "Restarts", details.RestartCount.ToString(CultureInfo.InvariantCulture)
            + (details.LastExitCode is { } code ? $" (last exit code {code.ToString(CultureInfo.InvariantCulture)})" : ""));
        Line(text, "Created", Time(details.CreatedAt));
        Line(text, "Started", details.StartedAt is { } started ? Time(started) : "(not started)");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, string? value) =>
        text.Append(key).Append(':').Append(' ', Math.Max(1, 20 - key.Length)).Append(value).Append('\n');

    private static void List(StringBuilder text, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            Line(text, key, "(none)");
            return;
        }

        Line(text, key, "");
        foreach (var value in values)
        {
            text.Append("  ").Append(value).Append('\n');
        }
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes % (1024L * 1024 * 1024) == 0
        ? $"{(bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture)} GiB"
        : bytes % (1024L * 1024) == 0
            ? $"{(bytes / (1024L * 1024)).ToString(CultureInfo.InvariantCulture)} MiB"
            : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";
}
