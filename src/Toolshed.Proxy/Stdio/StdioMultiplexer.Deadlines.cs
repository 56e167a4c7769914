using System.Text.Json.Nodes;
using Toolshed.Core.Configuration;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Telemetry;

namespace Toolshed.Proxy.Stdio;

/// <summary>
/// Request deadlines: a request the server leaves unanswered past <see cref="Timeout"/> is answered with a JSON-RPC
/// error (so its client, its stream and its session do not wait forever) and cancelled on the server.
/// </summary>
internal sealed partial class StdioMultiplexer
{
    /// <summary>When set, how long the server has to answer each request; unset, the bridge waits as long as it takes.</summary>
    public RequestTimeout? Timeout { get; init; }

    /// <summary>Starts the timer of a request about to be sent under <paramref name="proxyId"/>; disposed when it is taken.</summary>
    private ITimer? StartDeadline(long proxyId) =>
        Timeout is { } timeout && timeout.After != System.Threading.Timeout.InfiniteTimeSpan
            ? timeout.TimeProvider.CreateTimer(
                static state => ((DeadlineState)state!).Multiplexer.OnDeadlinePassed(((DeadlineState)state!).ProxyId),
                new DeadlineState(this, proxyId),
                timeout.After,
                System.Threading.Timeout.InfiniteTimeSpan)
            : null;

    private void OnDeadlinePassed(long proxyId)
    {
        if (!_requests.TryTake(proxyId, out var pending))
        {
            return; // Answered meanwhile.
        }

        var after = DurationText.Format(Timeout!.After);
        ProxyLog.RequestTimedOut(_logger, _workloadName, after);
        var error = JsonRpc.Error(
            pending.ClientId,
            McpProtocol.RequestTimedOut,
            $"the MCP server did not answer within {after}; raise the limit with `shed serve --request-timeout`");
        pending.Upstream?.Finish(OperationOutcome.TimedOut($"no answer within {after}"), ServerProtocolVersion);
        if (pending.Internal is { } internalRequest)
        {
            internalRequest.TrySetResult(error);
        }
        else
        {
            pending.Call?.Complete(error);
            pending.Sink!.WriteResponse(error);
        }

        if (pending.Backend.IsAlive)
        {
            // A timer callback cannot wait; the writer queues the line and reports nothing back for untagged lines.
            _ = pending.Backend.WriteAsync(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["method"] = "notifications/cancelled",
                ["params"] = new JsonObject
                {
                    ["requestId"] = proxyId,
                    ["reason"] = $"the proxy's request timeout of {after} passed",
                },
            }).AsTask();
        }
    }

    private sealed record DeadlineState(StdioMultiplexer Multiplexer, long ProxyId);
}
