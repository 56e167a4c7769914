using System.Text.Json.Nodes;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Sessions;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Stdio;

/// <summary>A request sent to the server and not yet answered: who asked, under which id, and where the answer goes.</summary>
internal sealed class PendingRequest
{
    public PendingRequest(BackendAttachment backend, McpSession? session, JsonNode? clientId, MessageSink? sink)
    {
        Backend = backend;
        Session = session;
        ClientId = clientId;
        Sink = sink;
    }

    public BackendAttachment Backend { get; }

    /// <summary>The asking session; null for the proxy's own requests (its initialize).</summary>
    public McpSession? Session { get; }

    public JsonNode? ClientId { get; }

    public MessageSink? Sink { get; }

    public string? ClientIdKey { get; set; }

    /// <summary>Authorization and audit of this request, when the proxy does either.</summary>
    public McpCall? Call { get; init; }

    /// <summary>The CLIENT span and timing of this request upstream, when the endpoint records telemetry.</summary>
    public ClientOperation? Upstream { get; set; }

    public string? ProxyProgressToken { get; set; }

    public JsonNode? ClientProgressToken { get; set; }

    /// <summary>Fires when the server took too long to answer (see <c>StdioMultiplexer.Deadlines.cs</c>).</summary>
    public ITimer? Deadline { get; init; }

    /// <summary>Set for the proxy's own requests: completes with the server's response message.</summary>
    public TaskCompletionSource<JsonObject>? Internal { get; init; }

    /// <summary>Where messages related to this request go: its own stream when it has one, else the session's.</summary>
    public MessageSink? RelatedSink => Sink is { AcceptsRelated: true } ? Sink : Session;
}
