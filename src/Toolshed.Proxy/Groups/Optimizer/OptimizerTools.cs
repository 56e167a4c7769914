using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Groups.Optimizer;

/// <summary>The two tools a group with the optimizer shows instead of its members' many: find_tool and call_tool.</summary>
internal static class OptimizerTools
{
    public const string Find = "find_tool";
    public const string Call = "call_tool";
    public const int DefaultLimit = 8;
    public const int MaxLimit = 50;

    public static JsonArray List(string group) =>
    [
        new JsonObject
        {
            ["name"] = Find,
            ["description"] = $"Search the tools of the Toolshed group '{group}' by what they do. Returns the best matches with their input schemas; call one with {Call}.",
            ["inputSchema"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["query"] = new JsonObject { ["type"] = "string", ["description"] = "What the tool should do, in a few words" },
                    ["limit"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = MaxLimit, ["description"] = $"At most this many tools (default {DefaultLimit})" },
                },
                ["required"] = new JsonArray("query"),
            },
        },
        new JsonObject
        {
            ["name"] = Call,
            ["description"] = $"Call a tool of the Toolshed group '{group}' by the name {Find} gave, with arguments matching its input schema.",
            ["inputSchema"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["type"] = "string", ["description"] = "The tool's name" },
                    ["arguments"] = new JsonObject { ["type"] = "object", ["description"] = "The tool's arguments" },
                },
                ["required"] = new JsonArray("name"),
            },
        },
    ];
}
