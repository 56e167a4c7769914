using System.Text.Json.Nodes;
using Toolshed.Proxy.Authz;
using Toolshed.Proxy.Groups.Optimizer;
using Toolshed.Proxy.Protocol;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Groups;

/// <summary>
/// A group with the optimizer shows two tools: find_tool searches the tools this client would otherwise see (ranked,
/// and never one its policy would refuse), call_tool calls one of them by name (authorized under that name).
/// </summary>
internal sealed partial class GroupClientSession
{
    private async Task<JsonObject?> OptimizerCallAsync(JsonNode id, string? tool, JsonObject? parameters, MessageSink sink, McpCall? call)
    {
        if (tool is not (OptimizerTools.Find or OptimizerTools.Call))
        {
            return JsonRpc.Error(id, McpProtocol.InvalidParams, $"Unknown tool: {tool}; this group shows {OptimizerTools.Find} and {OptimizerTools.Call}.");
        }

        var arguments = parameters?["arguments"] as JsonObject;
        var catalog = await CatalogAsync(CatalogKind.Tools);
        if (catalog.IsRefused)
        {
            return Refused(id, catalog);
        }

        return tool == OptimizerTools.Find
            ? Find(id, catalog, arguments, call)
            : await CallThroughAsync(id, catalog, arguments, sink, call);
    }

    private JsonObject Find(JsonNode id, GroupCatalog catalog, JsonObject? arguments, McpCall? call)
    {
        if (arguments?["query"] is not JsonValue q || !q.TryGetValue(out string? query))
        {
            return ToolError(id, "find_tool needs a query: what the tool should do, in a few words.");
        }

        var limit = arguments["limit"] is JsonValue l && l.TryGetValue(out int n) ? Math.Clamp(n, 1, OptimizerTools.MaxLimit) : OptimizerTools.DefaultLimit;
        var index = _group.Indexes.Get(catalog.SearchKey, catalog.Searchable);

        // Ranked over every tool, then cut to what this caller may call; asked for more so the cut still fills the limit.
        var found = new JsonArray();
        foreach (var name in index.Search(query, Math.Min(limit * 4, OptimizerTools.MaxLimit * 4)))
        {
            if (found.Count == limit)
            {
                break;
            }

            if (catalog.ItemOf(name) is { } item && (call is null || call.Allows(name, null)))
            {
                found.Add(new JsonObject
                {
                    ["name"] = name,
                    ["description"] = item["description"]?.DeepClone(),
                    ["inputSchema"] = item["inputSchema"]?.DeepClone(),
                });
            }
        }

        var structured = new JsonObject { ["tools"] = found };
        return JsonRpc.Result(id, new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = structured.ToJsonString() }),
            ["structuredContent"] = structured.DeepClone(),
        });
    }

    private async Task<JsonObject?> CallThroughAsync(JsonNode id, GroupCatalog catalog, JsonObject? arguments, MessageSink sink, McpCall? call)
    {
        if (arguments?["name"] is not JsonValue n || !n.TryGetValue(out string? name))
        {
            return ToolError(id, "call_tool needs the name of the tool to call (find_tool gives it).");
        }

        var toolArguments = arguments["arguments"] as JsonObject ?? new JsonObject();
        if (catalog.Find(name) is not { } entry)
        {
            return JsonRpc.Error(id, McpProtocol.InvalidParams, $"Unknown tool: {name}");
        }

        if (call is not null && !call.Allows(name, toolArguments, recordDenial: true))
        {
            return JsonRpc.Error(id, McpProtocol.Forbidden, $"Forbidden: call_tool on '{name}' is not allowed for this caller.");
        }

        if (call is not null)
        {
            call.Member = entry.Member;
            call.MemberName = entry.Name;
        }

        arguments.Remove("arguments");
        var forwarded = new JsonObject { ["name"] = entry.Name, ["arguments"] = toolArguments };
        return await ForwardAsync(entry.Member, "tools/call", id, forwarded, sink, call);
    }

    private static JsonObject ToolError(JsonNode id, string text) => JsonRpc.Result(id, new JsonObject
    {
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["isError"] = true,
    });
}
