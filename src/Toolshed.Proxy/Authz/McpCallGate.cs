using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Authorization;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Telemetry;
using Toolshed.Proxy.Telemetry.Stats;
using Toolshed.Proxy.Tools;

namespace Toolshed.Proxy.Authz;

/// <summary>
/// Where the requests a proxy's bridge serves (every request of a stdio workload; every request of an HTTP workload
/// with an authorizer, or on the transport its server does not speak) meet authorization and audit, and where the
/// requests a proxy forwards are audited. With neither configured it hands out no <see cref="McpCall"/> at all, so the
/// request path costs one branch.
/// </summary>
internal sealed class McpCallGate(
    string workloadName, IMcpCallAuthorizer? authorizer, AuditLog? audit, int auditArgumentChars, TimeProvider timeProvider)
{
    private static readonly Dictionary<string, JsonElement> s_noArguments = [];

    private volatile ToolFilter? _tools;

    /// <summary>Whether requests are tracked at all: a policy, an audit log, a tool filter, telemetry or stats need them.</summary>
    public bool IsActive => authorizer is not null || audit is not null || _tools is not null || Telemetry is not null || Stats is not null;

    /// <summary>This endpoint's spans and metrics; null records none.</summary>
    public EndpointTelemetry? Telemetry { get; init; }

    /// <summary>This endpoint's live figures (`shed stats`, `shed top`); null counts nothing.</summary>
    public EndpointStats? Stats { get; init; }

    /// <summary>The workload's tool filter, swapped whole when the user changes it; null shows the server's list.</summary>
    public ToolFilter? Tools
    {
        get => _tools;
        set => _tools = value;
    }

    public string WorkloadName => workloadName;

    public IMcpCallAuthorizer? Authorizer => authorizer;

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Starts tracking each request of a POST; any of them may come back denied.</summary>
    public McpCall?[] BeginAll(HttpContext http, IReadOnlyList<JsonObject> requests)
    {
        var caller = http.Features.Get<AuthenticatedCaller>();
        var calls = new McpCall?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            calls[i] = Begin(caller, requests[i], http);
        }

        return calls;
    }

    /// <summary>Starts tracking one request; <paramref name="http"/> is the HTTP request that carried it, for telemetry.</summary>
    public McpCall? Begin(AuthenticatedCaller? caller, JsonObject request, HttpContext? http = null)
    {
        if (!IsActive || JsonRpc.Classify(request, out var method, out var id) != MessageKind.Request)
        {
            return null;
        }

        // Started first: the span covers the policy's decision too, and sees the name the client used.
        var operation = Telemetry?.StartServer(http, request, method!, id);
        var action = McpActions.FromMethod(method!);
        var parameters = request["params"] as JsonObject;
        var target = action switch
        {
            McpAction.CallTool or McpAction.GetPrompt => StringOf(parameters?["name"]),
            McpAction.ReadResource => StringOf(parameters?["uri"]),
            _ => null,
        };
        var arguments = action is McpAction.CallTool or McpAction.GetPrompt ? parameters?["arguments"] as JsonObject : null;

        var decision = AuditDecision.None;
        if (authorizer is not null && action is { } checkedAction)
        {
            decision = checkedAction.ItemAction() is not null
                ? AuditDecision.Allow // a list: its items are filtered when the answer comes
                : Authorize(caller, checkedAction, method!, target, arguments);
        }

        // The policy and the audit line see the client's name; the server gets its own (or nothing, for a hidden tool).
        var unknownTool = false;
        if (_tools is { } tools && action == McpAction.CallTool && target is not null && decision != AuditDecision.Deny)
        {
            var serverName = tools.ServerNameOf(target);
            unknownTool = serverName is null;
            if (serverName is not null && serverName != target)
            {
                parameters!["name"] = serverName;
            }
        }

        return new McpCall(this, caller, method!, action, target, id?.DeepClone(), decision, ArgumentsText(arguments), timeProvider.GetTimestamp())
        {
            IsUnknownTool = unknownTool,
            Operation = operation,
        };
    }

    public string Authorize(AuthenticatedCaller? caller, McpAction action, string method, string? target, JsonObject? arguments)
    {
        var context = new McpCallContext
        {
            WorkloadName = workloadName,
            Action = action,
            Method = method,
            Subject = caller?.Subject,
            Claims = (caller ?? AuthenticatedCaller.Anonymous).Claims,
            Target = target,
            Arguments = arguments is null ? s_noArguments : ToElements(arguments),
        };
        return authorizer!.Authorize(context) == McpCallDecision.Allow ? AuditDecision.Allow : AuditDecision.Deny;
    }

    public void Write(AuditRecord record) => audit?.Write(record);

    private string? ArgumentsText(JsonObject? arguments)
    {
        if (auditArgumentChars <= 0 || audit is null || arguments is null)
        {
            return null;
        }

        var text = arguments.ToJsonString();
        return text.Length > auditArgumentChars ? text[..auditArgumentChars] + "…" : text;
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static Dictionary<string, JsonElement> ToElements(JsonObject arguments)
    {
        using var document = JsonDocument.Parse(JsonRpc.ToUtf8(arguments));
        var elements = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            elements[property.Name] = property.Value.Clone();
        }

        return elements;
    }
}
