using System.Text.Json.Nodes;
using Toolshed.Authorization;
using Toolshed.Proxy.Audit;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Authz;

/// <summary>
/// One client request on its way through a proxy's bridge (or, audited only, through its forwarder): its authorization
/// decision, and, when it completes, the filtering of list answers and its audit line (written exactly once).
/// </summary>
internal sealed class McpCall(
    McpCallGate gate,
    AuthenticatedCaller? caller,
    string method,
    McpAction? action,
    string? target,
    JsonNode? clientId,
    string decision,
    string? arguments,
    long startedAt)
{
    private string _decision = decision;
    private int _completed;

    public bool IsDenied => _decision == AuditDecision.Deny;

    /// <summary>A <c>tools/call</c> of a tool the workload's filter hides: answered here, as the server would answer
    /// a tool it does not have, and never forwarded.</summary>
    public bool IsUnknownTool { get; init; }

    /// <summary>The MCP revision the request was made in (the audit line's <c>protocol</c>).</summary>
    public string? Protocol { get; set; }

    /// <summary>The client's session the request came in (2025-era sessions only; a span's <c>mcp.session.id</c>).</summary>
    public string? SessionId { get; set; }

    /// <summary>The request's SERVER span and metrics, when the endpoint records telemetry.</summary>
    public ServerOperation? Operation { get; init; }

    /// <summary>What the requests sent upstream for this one are children of (default without a span).</summary>
    public System.Diagnostics.ActivityContext TraceContext => Operation?.Context ?? default;

    /// <summary>On a group's endpoint: the member the request went to, and the name it has there (the audit line
    /// keeps both beside the name the client used).</summary>
    public string? Member { get; set; }

    /// <summary>The tool or prompt name at <see cref="Member"/>, when it differs from the one the client used.</summary>
    public string? MemberName { get; set; }

    /// <summary>Whether the policy lets this caller call <paramref name="tool"/> (always, without a policy): for a tool
    /// reached through another one (a group's call_tool), or shown by one (find_tool).</summary>
    public bool Allows(string tool, JsonObject? arguments, bool recordDenial = false)
    {
        if (gate.Authorizer is null || gate.Authorize(caller, McpAction.CallTool, "tools/call", tool, arguments) == AuditDecision.Allow)
        {
            return true;
        }

        if (recordDenial)
        {
            _decision = AuditDecision.Deny;
        }

        return false;
    }

    /// <summary>Whether list answers are filtered (a policy is configured), so they must pass through <see cref="Complete"/> whole.</summary>
    public bool FiltersLists => gate.Authorizer is not null;

    /// <summary>The JSON-RPC error for <see cref="IsUnknownTool"/>: the one the MCP specification shows for an unknown tool.</summary>
    public JsonObject UnknownToolError() => JsonRpc.Error(clientId, McpProtocol.InvalidParams, $"Unknown tool: {target}");

    /// <summary>The JSON-RPC error a denied request is answered with: it names the action and what it was on.</summary>
    public JsonObject DeniedError()
    {
        var actionName = action?.ToActionName() ?? method;
        var error = JsonRpc.Error(clientId, McpProtocol.Forbidden, $"Forbidden: {actionName} on '{target}' is not allowed for this caller.");
        ((JsonObject)error["error"]!)["data"] = new JsonObject { ["action"] = actionName, ["resource"] = target };
        return error;
    }

    /// <summary>The error for a request of a batch that was not forwarded because another one was denied.</summary>
    public JsonObject NotProcessedError() =>
        JsonRpc.Error(clientId, McpProtocol.Forbidden, "Not processed: another request in the batch was denied.");

    /// <summary>Called with the answer before it goes to the client: filters list results, then writes the audit line.</summary>
    public void Complete(JsonObject response)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        if (action == McpAction.ListTools && gate.Tools is { } tools && response["result"]?["tools"] is JsonArray listed)
        {
            tools.Apply(listed);
        }

        if (gate.Authorizer is not null && action is { } listAction && listAction.ItemAction() is { } itemAction)
        {
            Filter(response, listAction, itemAction);
        }

        var code = response["error"]?["code"] is JsonValue value && value.TryGetValue(out int c) ? c : (int?)null;
        var outcome = OperationOutcome.Of(response);
        Operation?.Finish(outcome, Facts, response);
        Count(outcome.Failed);
        WriteAudit(response.ContainsKey("error") ? "error" : "success", code);
    }

    public void CompleteDenied(bool deniedItself)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            Operation?.Finish(OperationOutcome.OfCode(McpProtocol.Forbidden, deniedItself ? "Forbidden" : "Not processed"), Facts, null);
            Count(failed: true);
            WriteAudit(deniedItself ? "denied" : "not_processed", McpProtocol.Forbidden);
        }
    }

    /// <summary>
    /// Called when the server answered a forwarded request (with <paramref name="httpStatus"/>), or could not be
    /// reached (null): the answer itself streams on to the client unread, so the outcome is the HTTP status's.
    /// </summary>
    public void CompleteForwarded(int? httpStatus)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            var outcome = OperationOutcome.OfHttpStatus(httpStatus);
            Operation?.Finish(outcome, Facts, null);
            Count(outcome.Failed);
            WriteAudit(httpStatus is >= 200 and < 300 ? "success" : "error", null, httpStatus);
        }
    }

    private void Count(bool failed) => gate.Stats?.Record(action == McpAction.CallTool ? target : null, startedAt, failed);

    private CallFacts Facts => new(Protocol, SessionId, Member, _decision == AuditDecision.None ? null : _decision);

    private void Filter(JsonObject response, McpAction listAction, McpAction itemAction)
    {
        var (listKey, itemKey) = listAction switch
        {
            McpAction.ListTools => ("tools", "name"),
            McpAction.ListPrompts => ("prompts", "name"),
            _ => ("resources", "uri"),
        };
        if (response["result"] is not JsonObject result || result[listKey] is not JsonArray items)
        {
            return;
        }

        if (gate.Authorize(caller, listAction, method, null, null) == AuditDecision.Deny)
        {
            _decision = AuditDecision.Deny;
            items.Clear();
            return;
        }

        for (var i = items.Count - 1; i >= 0; i--)
        {
            var name = items[i]?[itemKey] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
            if (name is null || gate.Authorize(caller, itemAction, method, name, null) == AuditDecision.Deny)
            {
                items.RemoveAt(i);
            }
        }
    }

    private void WriteAudit(string outcome, int? errorCode, int? httpStatus = null) => gate.Write(new AuditRecord
    {
        Time = gate.TimeProvider.GetUtcNow(),
        Workload = gate.WorkloadName,
        Subject = caller?.Subject,
        Method = method,
        Name = target,
        Protocol = Protocol,
        Member = Member,
        MemberName = MemberName,
        Decision = _decision,
        Outcome = outcome,
        ErrorCode = outcome == "success" ? null : errorCode,
        HttpStatus = httpStatus,
        DurationMs = Math.Round(gate.TimeProvider.GetElapsedTime(startedAt).TotalMilliseconds, 3),
        Arguments = arguments,
        TraceId = Operation?.TraceId,
    });
}
