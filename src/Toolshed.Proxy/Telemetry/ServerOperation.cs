using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// One request a client sent to an endpoint, from its arrival to its answer: the SERVER span the MCP conventions give
/// (named <c>{mcp.method.name} {target}</c>, parented on the trace context in <c>params._meta</c> and linked to the
/// HTTP request's), and its <c>mcp.server.operation.duration</c> and call counters when it ends.
/// </summary>
internal sealed class ServerOperation
{
    private readonly EndpointTelemetry _endpoint;
    private readonly long _started;
    private readonly string _method;
    private readonly string? _tool;
    private readonly string? _prompt;
    private readonly string? _networkVersion;
    private int _finished;

    public ServerOperation(EndpointTelemetry endpoint, HttpContext? http, JsonObject request, string method, JsonNode? id)
    {
        _endpoint = endpoint;
        _started = Stopwatch.GetTimestamp();
        _method = method;
        var parameters = request["params"] as JsonObject;
        string? resource = null;
        switch (method)
        {
            case "tools/call":
                _tool = StringOf(parameters?["name"]);
                break;
            case "prompts/get":
                _prompt = StringOf(parameters?["name"]);
                break;
            case "resources/read" or "resources/subscribe" or "resources/unsubscribe":
                resource = StringOf(parameters?["uri"]);
                break;
        }

        _networkVersion = http?.Request.Protocol switch
        {
            "HTTP/1.1" => "1.1",
            "HTTP/2" => "2",
            "HTTP/3" => "3",
            "HTTP/1.0" => "1.0",
            _ => null,
        };
        if (!McpTelemetry.Source.HasListeners())
        {
            return;
        }

        var target = _tool ?? _prompt;
        var name = target is null ? method : method + " " + endpoint.Cut(target);
        var parent = TraceContextMeta.Extract(request);
        var transport = TraceContextMeta.ExtractHttp(http?.Request);
        ActivityLink[]? links = transport == default ? null : [new ActivityLink(transport)];
        var ambient = Activity.Current;
        Span = McpTelemetry.Source.StartActivity(name, ActivityKind.Server, parent, tags: null, links);
        Activity.Current = ambient; // the span belongs to this request only, not to what the caller does next
        if (Span is not { IsAllDataRequested: true } span)
        {
            return;
        }

        span.SetTag(McpSemanticConventions.MethodName, method);
        if (id is not null && id.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number)
        {
            span.SetTag(McpSemanticConventions.RequestId, endpoint.Cut(id.ToString()));
        }

        if (_tool is not null)
        {
            span.SetTag(McpSemanticConventions.ToolName, endpoint.Cut(_tool));
            span.SetTag(McpSemanticConventions.OperationName, McpSemanticConventions.ExecuteTool);
            if (endpoint.Options.RecordArguments && parameters?["arguments"] is JsonObject arguments)
            {
                span.SetTag(McpSemanticConventions.ToolCallArguments, endpoint.Cut(arguments.ToJsonString()));
            }
        }

        if (_prompt is not null)
        {
            span.SetTag(McpSemanticConventions.PromptName, endpoint.Cut(_prompt));
        }

        if (resource is not null)
        {
            span.SetTag(McpSemanticConventions.ResourceUri, endpoint.Cut(resource));
        }

        span.SetTag(McpSemanticConventions.NetworkTransport, McpSemanticConventions.Tcp);
        span.SetTag(McpSemanticConventions.NetworkProtocolName, "http");
        span.SetTag(McpSemanticConventions.NetworkProtocolVersion, _networkVersion);
        if (http?.Connection.RemoteIpAddress is { } address)
        {
            span.SetTag(McpSemanticConventions.ClientAddress, address.ToString());
            span.SetTag(McpSemanticConventions.ClientPort, http.Connection.RemotePort);
        }

        span.SetTag(IdentityKey, endpoint.Name);
    }

    /// <summary>The SERVER span, when one is recorded.</summary>
    public Activity? Span { get; }

    /// <summary>What the upstream requests made for this one are children of.</summary>
    public ActivityContext Context => Span?.Context ?? default;

    /// <summary>The trace id for the audit line, when a span is recorded.</summary>
    public string? TraceId => Span is { Recorded: true } span ? span.TraceId.ToHexString() : null;

    /// <summary>The tool a tools/call named, as the client named it.</summary>
    public string? Tool => _tool;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    private string IdentityKey => _endpoint.IsGroup ? McpSemanticConventions.Group : McpSemanticConventions.Workload;

    /// <summary>Ends the operation once: the span gets its outcome and the metrics their measurement.</summary>
    public void Finish(OperationOutcome outcome, CallFacts facts, JsonObject? answer)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        var elapsed = Elapsed;
        if (Span is { } span)
        {
            FinishSpan(span, outcome, facts, answer);
        }

        Record(elapsed, outcome, facts);
    }

    private void FinishSpan(Activity span, OperationOutcome outcome, CallFacts facts, JsonObject? answer)
    {
        if (span.IsAllDataRequested)
        {
            span.SetTag(McpSemanticConventions.ProtocolVersion, facts.Protocol);
            span.SetTag(McpSemanticConventions.SessionId, facts.SessionId);
            if (_endpoint.IsGroup && facts.Member is not null)
            {
                span.SetTag(McpSemanticConventions.Workload, facts.Member);
            }

            span.SetTag(McpSemanticConventions.Decision, facts.Decision);
            if (outcome.Failed)
            {
                span.SetTag(McpSemanticConventions.ErrorType, outcome.ErrorType);
                if (outcome.Code is { } code)
                {
                    span.SetTag(McpSemanticConventions.ResponseStatusCode, code.ToString(CultureInfo.InvariantCulture));
                }

                span.SetStatus(ActivityStatusCode.Error, outcome.Message is null ? null : _endpoint.Cut(outcome.Message));
            }
            else if (_tool is not null && _endpoint.Options.RecordArguments && answer?["result"] is JsonObject result)
            {
                span.SetTag(McpSemanticConventions.ToolCallResult, _endpoint.Cut(result.ToJsonString()));
            }
        }

        span.Dispose();
    }

    private void Record(TimeSpan elapsed, OperationOutcome outcome, CallFacts facts)
    {
        var owner = _endpoint.Owner;
        if (!owner.ServerDuration.Enabled && !owner.Calls.Enabled)
        {
            return;
        }

        var method = _endpoint.MethodLabel(_method);
        var tool = _endpoint.Tools.Admit(_tool);
        var tags = new TagList
        {
            { McpSemanticConventions.MethodName, method },
            { McpSemanticConventions.NetworkTransport, McpSemanticConventions.Tcp },
            { McpSemanticConventions.NetworkProtocolName, "http" },
            { McpSemanticConventions.ProtocolVersion, _endpoint.Protocols.Admit(facts.Protocol) },
            _endpoint.IdentityTags[0],
        };
        if (_endpoint.IsGroup && facts.Member is not null)
        {
            tags.Add(McpSemanticConventions.Workload, facts.Member);
        }

        if (tool is not null)
        {
            tags.Add(McpSemanticConventions.ToolName, tool);
            tags.Add(McpSemanticConventions.OperationName, McpSemanticConventions.ExecuteTool);
        }
        else if (_endpoint.Prompts.Admit(_prompt) is { } prompt)
        {
            tags.Add(McpSemanticConventions.PromptName, prompt);
        }

        if (_networkVersion is not null)
        {
            tags.Add(McpSemanticConventions.NetworkProtocolVersion, _networkVersion);
        }

        owner.Calls.Add(1, tags);
        if (outcome.Failed)
        {
            var errorType = _endpoint.ErrorTypes.Admit(outcome.ErrorType);
            tags.Add(McpSemanticConventions.ErrorType, errorType);
            if (outcome.Code is not null)
            {
                tags.Add(McpSemanticConventions.ResponseStatusCode, errorType);
            }

            owner.Errors.Add(1, tags);
        }

        owner.ServerDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
