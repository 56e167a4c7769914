using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>What members send a group's client on their own: progress (to the request it is about), list changes
/// (the client's list is built again), log messages and resource updates, and the members' own requests (sampling,
/// elicitation, roots), which the client answers through the group.</summary>
internal sealed partial class GroupClientSession
{
    /// <summary>Held member requests; past this many, a member's new request is refused rather than queued.</summary>
    private const int MaxHeldRequests = 256;

    private readonly ConcurrentDictionary<string, HeldServerRequest> _held = new(StringComparer.Ordinal);
    private long _heldIds;

    private void OnMemberMessage(MemberConnection connection, JsonObject message)
    {
        switch (JsonRpc.Classify(message, out var method, out var id))
        {
            case MessageKind.Request:
                HoldServerRequest(connection, message, id!);
                break;
            case MessageKind.Notification:
                OnMemberNotification(connection, message, method!);
                break;
            default:
                break;
        }
    }

    private void OnMemberNotification(MemberConnection connection, JsonObject message, string method)
    {
        var parameters = message["params"] as JsonObject;
        switch (method)
        {
            case "notifications/progress":
                var token = parameters?["progressToken"];
                if (token is not null && _progress.TryGetValue(ProgressKey(connection.Member, token), out var sink))
                {
                    WriteRelated(sink, message);
                }

                return;
            case "notifications/cancelled":
                // The member gave up a request of its own that the client holds: the client hears of it under the group's id.
                var heldKey = _held.FirstOrDefault(h => h.Value.Connection == connection && parameters?["requestId"] is { } r
                    && JsonRpc.IdKey(r) == JsonRpc.IdKey(h.Value.MemberId)).Key;
                if (heldKey is null || !_held.TryRemove(heldKey, out _))
                {
                    return;
                }

                parameters!["requestId"] = heldKey;
                break;
        }

        if (CatalogKinds.FromChangedNotification(method) is { } kind)
        {
            Invalidate(kind);
            if (kind == CatalogKind.Resources)
            {
                Invalidate(CatalogKind.ResourceTemplates);
            }
        }

        Session?.WriteRelated(JsonRpc.ToUtf8(message));
    }

    private void HoldServerRequest(MemberConnection connection, JsonObject message, JsonNode memberId)
    {
        if (Session is null || _held.Count >= MaxHeldRequests)
        {
            _ = connection.RespondAsync(JsonRpc.Error(memberId, McpProtocol.InternalError, "the group's client cannot take more requests now"));
            return;
        }

        var key = $"toolshed-group-{Interlocked.Increment(ref _heldIds)}";
        _held[key] = new HeldServerRequest(connection, memberId.DeepClone());
        message["id"] = key;

        // On the stream of a request the client has open with that member, when there is one; else the session's own.
        var related = _inFlight.Values.FirstOrDefault(r => r.Member == connection.Member && r.Sink.AcceptsRelated);
        WriteRelated(related?.Sink, message);
    }

    private void WriteRelated(MessageSink? sink, JsonObject message)
    {
        var bytes = JsonRpc.ToUtf8(message);
        if (sink is { AcceptsRelated: true })
        {
            sink.WriteRelated(bytes);
        }
        else
        {
            Session?.WriteRelated(bytes);
        }
    }
}
