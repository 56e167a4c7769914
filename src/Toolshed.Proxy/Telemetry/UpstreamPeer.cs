namespace Toolshed.Proxy.Telemetry;

/// <summary>Where an endpoint's upstream requests go, as CLIENT spans record it: a pipe (stdio) or a server address.</summary>
internal sealed record UpstreamPeer(string Transport, string? Address = null, int? Port = null)
{
    public static UpstreamPeer Stdio { get; } = new(McpSemanticConventions.Pipe);

    public static UpstreamPeer Http(Uri url) => new(McpSemanticConventions.Tcp, url.Host, url.Port);
}
