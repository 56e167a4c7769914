using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// One workload's or group's share of <see cref="McpTelemetry"/>: starts the SERVER operation of each request a client
/// sends and the CLIENT operation of each request the endpoint sends upstream, and keeps this endpoint's metric labels
/// bounded (<see cref="LabelBudget"/>), so no client or server can grow the daemon's series without limit.
/// </summary>
internal sealed class EndpointTelemetry : IDisposable
{
    private readonly McpTelemetry _owner;

    public EndpointTelemetry(McpTelemetry owner, string name, bool isGroup, Func<int> openSessions)
    {
        _owner = owner;
        Name = name;
        IsGroup = isGroup;
        OpenSessions = openSessions;
        var options = owner.Options;
        Tools = new LabelBudget(options.MaxLabelValues, options.MaxLabelChars);
        Prompts = new LabelBudget(options.MaxLabelValues, options.MaxLabelChars);
        Methods = new LabelBudget(64, options.MaxLabelChars);
        ErrorTypes = new LabelBudget(32, options.MaxLabelChars);
        Protocols = new LabelBudget(8, 32);
        IdentityTags = [new(isGroup ? McpSemanticConventions.Group : McpSemanticConventions.Workload, name)];
    }

    public string Name { get; }

    public bool IsGroup { get; }

    public Func<int> OpenSessions { get; }

    public KeyValuePair<string, object?>[] IdentityTags { get; }

    public McpTelemetry Owner => _owner;

    public TelemetryOptions Options => _owner.Options;

    public LabelBudget Tools { get; }

    public LabelBudget Prompts { get; }

    public LabelBudget Methods { get; }

    public LabelBudget ErrorTypes { get; }

    public LabelBudget Protocols { get; }

    /// <summary>Starts the SERVER operation of a request a client sent to this endpoint (over HTTP).</summary>
    public ServerOperation StartServer(HttpContext? http, JsonObject request, string method, JsonNode? id) =>
        new(this, http, request, method, id);

    /// <summary>
    /// Starts the CLIENT operation of a request this endpoint sends upstream, a child of <paramref name="parent"/>,
    /// and writes its trace context into the request's <c>_meta</c> (only when a span is recorded).
    /// </summary>
    public ClientOperation StartClient(JsonObject request, string method, long id, ActivityContext parent, UpstreamPeer peer) =>
        new(this, request, method, id, parent, peer);

    /// <summary>Records a client session's end (<c>mcp.server.session.duration</c>).</summary>
    public void SessionEnded(string? protocolVersion, TimeSpan duration)
    {
        if (!_owner.SessionDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { McpSemanticConventions.NetworkTransport, McpSemanticConventions.Tcp },
            { McpSemanticConventions.NetworkProtocolName, "http" },
            { McpSemanticConventions.ProtocolVersion, Protocols.Admit(protocolVersion) },
            IdentityTags[0],
        };
        _owner.SessionDuration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose() => _owner.Forget(this);

    /// <summary>The method as a metric label: the MCP methods and a bounded number of others.</summary>
    public string MethodLabel(string method) => Methods.Admit(method)!;

    /// <summary>Cuts a span attribute to the configured length.</summary>
    public string Cut(string value) => value.Length > Options.MaxAttributeChars ? value[..Options.MaxAttributeChars] : value;
}
