using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// One request an endpoint sent upstream (to its MCP server, or a group to a member), from sending to the answer: the
/// CLIENT span the MCP conventions give, whose trace context goes into the request's <c>params._meta</c> so the
/// server's own span becomes its child, and its <c>mcp.client.operation.duration</c>.
/// </summary>
internal sealed class ClientOperation
{
    private readonly EndpointTelemetry _endpoint;
    private readonly long _started;
    private readonly string _method;
    private readonly string? _tool;
    private readonly string? _prompt;
    private readonly UpstreamPeer _peer;
    private readonly Activity? _span;
    private int _finished;

    public ClientOperation(EndpointTelemetry endpoint, JsonObject request, string method, long id, ActivityContext parent, UpstreamPeer peer)
    {
        _endpoint = endpoint;
        _started = Stopwatch.GetTimestamp();
        _method = method;
        _peer = peer;
        var parameters = request["params"] as JsonObject;
        _tool = method == "tools/call" ? StringOf(parameters?["name"]) : null;
        _prompt = method == "prompts/get" ? StringOf(parameters?["name"]) : null;
        if (!McpTelemetry.Source.HasListeners())
        {
            return;
        }

        var target = _tool ?? _prompt;
        var ambient = Activity.Current;
        _span = McpTelemetry.Source.StartActivity(target is null ? method : method + " " + endpoint.Cut(target), ActivityKind.Client, parent);
        Activity.Current = ambient;
        if (_span is null)
        {
            return;
        }

        TraceContextMeta.Inject(request, _span.Context);
        if (!_span.IsAllDataRequested)
        {
            return;
        }

        _span.SetTag(McpSemanticConventions.MethodName, method);
        _span.SetTag(McpSemanticConventions.RequestId, id.ToString(CultureInfo.InvariantCulture));
        if (_tool is not null)
        {
            _span.SetTag(McpSemanticConventions.ToolName, endpoint.Cut(_tool));
            _span.SetTag(McpSemanticConventions.OperationName, McpSemanticConventions.ExecuteTool);
        }
        else if (_prompt is not null)
        {
            _span.SetTag(McpSemanticConventions.PromptName, endpoint.Cut(_prompt));
        }
        else if (method.StartsWith("resources/", StringComparison.Ordinal) && StringOf(parameters?["uri"]) is { } uri)
        {
            _span.SetTag(McpSemanticConventions.ResourceUri, endpoint.Cut(uri));
        }

        _span.SetTag(McpSemanticConventions.NetworkTransport, peer.Transport);
        if (peer.Address is not null)
        {
            _span.SetTag(McpSemanticConventions.ServerAddress, peer.Address);
            _span.SetTag(McpSemanticConventions.ServerPort, peer.Port);
        }

        _span.SetTag(endpoint.IsGroup ? McpSemanticConventions.Group : McpSemanticConventions.Workload, endpoint.Name);
    }

    /// <summary>Ends the operation once, with the upstream's answer, or how it failed to come.</summary>
    public void Finish(OperationOutcome outcome, string? protocolVersion, string? member = null)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (_span is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag(McpSemanticConventions.ProtocolVersion, protocolVersion);
                if (member is not null)
                {
                    span.SetTag(McpSemanticConventions.Workload, member);
                }

                if (outcome.Failed)
                {
                    span.SetTag(McpSemanticConventions.ErrorType, outcome.ErrorType);
                    if (outcome.Code is { } code)
                    {
                        span.SetTag(McpSemanticConventions.ResponseStatusCode, code.ToString(CultureInfo.InvariantCulture));
                    }

                    span.SetStatus(ActivityStatusCode.Error, outcome.Message is null ? null : _endpoint.Cut(outcome.Message));
                }
            }

            span.Dispose();
        }

        var histogram = _endpoint.Owner.ClientDuration;
        if (!histogram.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { McpSemanticConventions.MethodName, _endpoint.MethodLabel(_method) },
            { McpSemanticConventions.NetworkTransport, _peer.Transport },
            { McpSemanticConventions.ProtocolVersion, _endpoint.Protocols.Admit(protocolVersion) },
            _endpoint.IdentityTags[0],
        };
        if (member is not null)
        {
            tags.Add(McpSemanticConventions.Workload, member);
        }

        if (_endpoint.Tools.Admit(_tool) is { } tool)
        {
            tags.Add(McpSemanticConventions.ToolName, tool);
            tags.Add(McpSemanticConventions.OperationName, McpSemanticConventions.ExecuteTool);
        }
        else if (_endpoint.Prompts.Admit(_prompt) is { } prompt)
        {
            tags.Add(McpSemanticConventions.PromptName, prompt);
        }

        if (outcome.Failed)
        {
            var errorType = _endpoint.ErrorTypes.Admit(outcome.ErrorType);
            tags.Add(McpSemanticConventions.ErrorType, errorType);
            if (outcome.Code is not null)
            {
                tags.Add(McpSemanticConventions.ResponseStatusCode, errorType);
            }
        }

        histogram.Record(elapsed.TotalSeconds, tags);
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
