using System.Text;
using System.Text.Json;
using Toolshed.Authorization;

namespace Toolshed.Authorization.Tests.Support;

/// <summary>
/// Random but valid Cedar policies and MCP requests over a small universe (four clients, groups, tools, claims and
/// arguments), so that conditions hit and miss, attributes are present and absent, and types sometimes mismatch.
/// </summary>
internal sealed class CedarCaseGenerator(int seed)
{
    public const string EntitiesJson = """
        [
          {"uid": {"type": "Client", "id": "alice"}, "attrs": {"team": "core"}, "parents": [{"type": "Group", "id": "admins"}]},
          {"uid": {"type": "Client", "id": "bob"}, "attrs": {}, "parents": [{"type": "Group", "id": "devs"}]},
          {"uid": {"type": "Group", "id": "admins"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
          {"uid": {"type": "Group", "id": "devs"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
          {"uid": {"type": "Tool", "id": "deploy"}, "attrs": {"risk": 5}, "parents": [{"type": "ToolGroup", "id": "dangerous"}]},
          {"uid": {"type": "Tool", "id": "delete_repo"}, "attrs": {}, "parents": [{"type": "ToolGroup", "id": "dangerous"}]},
          {"uid": {"type": "Action", "id": "get_prompt"}, "attrs": {}, "parents": [{"type": "Action", "id": "read"}]},
          {"uid": {"type": "Action", "id": "read_resource"}, "attrs": {}, "parents": [{"type": "Action", "id": "read"}]}
        ]
        """;

    private static readonly string[] s_subjects = ["alice", "bob", "carol", "dave"];
    private static readonly string[] s_groups = ["admins", "devs", "all", "nobody"];
    private static readonly string[] s_tools = ["search", "deploy", "delete_repo", "weather"];
    private static readonly string[] s_actions = ["call_tool", "get_prompt", "read_resource", "list_tools"];
    private static readonly string[] s_words = ["admin", "dev", "guest", "", "a*b", "x\"y", "core", "/etc/passwd", "/home/a", "tmp"];
    private static readonly string[] s_patternPieces = ["*", "*", "a", "dev", "/etc", "/", "\\*", "e", "guest", "core"];
    private static readonly string[] s_stringAttributes = ["claim_role", "claim_email", "arg_path", "arg_mode"];
    private static readonly string[] s_longAttributes = ["claim_level", "arg_count"];
    private static readonly string[] s_setAttributes = ["claim_groups", "arg_tags"];

    private readonly Random _random = new(seed);

    public CedarCase Next()
    {
        var policies = new StringBuilder();
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            policies.AppendLine(Policy());
        }

        return new CedarCase(policies.ToString(), EntitiesJson, Request());
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private string Policy()
    {
        var principal = _random.Next(4) switch
        {
            0 => $"principal == Client::{Quote(Pick(s_subjects))}",
            1 => $"principal in Group::{Quote(Pick(s_groups))}",
            _ => "principal",
        };
        var action = _random.Next(5) switch
        {
            0 => $"action == Action::{Quote(Pick(s_actions))}",
            1 => $"action in [Action::{Quote(Pick(s_actions))}, Action::{Quote(Pick(s_actions))}]",
            2 => "action in Action::\"read\"",
            _ => "action",
        };
        var resource = _random.Next(4) switch
        {
            0 => $"resource == Tool::{Quote(Pick(s_tools))}",
            1 => "resource in ToolGroup::\"dangerous\"",
            _ => "resource",
        };
        var text = new StringBuilder();
        if (Chance(10))
        {
            text.Append("// generated\n");
        }

        text.Append(Chance(30) ? "forbid" : "permit").Append($"(\n  {principal},\n  {action},\n  {resource}\n)");
        var conditions = _random.Next(3);
        for (var i = 0; i < conditions; i++)
        {
            text.Append(Chance(70) ? " when { " : " unless { ").Append(Bool(3)).Append(" }");
        }

        return text.Append(';').ToString();
    }

    private string Bool(int depth)
    {
        var choice = _random.Next(depth > 0 ? 24 : 16);
        return choice switch
        {
            0 => Chance(50) ? "true" : "false",
            1 => $"{Owner()} has {Pick([.. s_stringAttributes, .. s_longAttributes, .. s_setAttributes, "claim_org", "team", "risk"])}",
            2 => $"{StringExpr()} == {StringExpr()}",
            3 => $"{StringExpr()} != {StringExpr()}",
            4 => $"{LongExpr(1)} {Pick(["<", "<=", ">", ">="])} {LongExpr(1)}",
            5 => $"{StringExpr()} like {Pattern()}",
            6 => $"principal in {Pick([$"Group::{Quote(Pick(s_groups))}", $"[Group::{Quote(Pick(s_groups))}, Client::{Quote(Pick(s_subjects))}]"])}",
            7 => Pick(["resource in ToolGroup::\"dangerous\"", "action in Action::\"read\"", "resource in [Tool::\"deploy\", Tool::\"search\"]"]),
            8 => $"{SetExpr()}.contains({StringExpr()})",
            9 => $"{SetExpr()}.{Pick(["containsAll", "containsAny"])}({SetExpr()})",
            10 => $"principal == Client::{Quote(Pick(s_subjects))}",
            11 => $"{Owner()}[\"{Pick(s_stringAttributes)}\"] == {Quote(Pick(s_words))}",
            12 => Pick(["context.claim_org.size >= 3", "context.claim_org has name", "context.claim_org.name like \"acme*\"",
                "{a: 1, \"b\": \"x\"} == {b: \"x\", a: 1}", "[1, 2, 2] == [2, 1]", "principal.team == \"core\"", "resource.risk > 3",
                "context.claim_verified", "principal.claim_verified == true", "[Tool::\"deploy\"].contains(resource)"]),
            13 => Pick(["context.claim_role < 3", "principal.claim_level like \"*\"", "context.arg_tags.contains(1)",
                "resource.arg_count in [Group::\"admins\"]", "principal in [Group::\"admins\", \"x\"]", "context.claim_level + 9223372036854775807 > 0"]),
            14 => $"{SetExpr()}.isEmpty()",
            15 => $"{Owner()} has \"{Pick(s_stringAttributes)}\"",
            16 or 17 => $"({Bool(depth - 1)}) && ({Bool(depth - 1)})",
            18 or 19 => $"({Bool(depth - 1)}) || ({Bool(depth - 1)})",
            20 or 21 => $"!({Bool(depth - 1)})",
            _ => $"if ({Bool(depth - 1)}) then ({Bool(depth - 1)}) else ({Bool(depth - 1)})",
        };
    }

    private string Owner() => Pick(["principal", "resource", "context"]);

    private string Attribute(string[] names)
    {
        var name = Pick(names);
        var owner = name.StartsWith("claim_", StringComparison.Ordinal) ? Pick(["principal", "context"]) : Pick(["resource", "context"]);
        return Chance(20) ? $"{owner}[\"{name}\"]" : $"{owner}.{name}";
    }

    private string StringExpr() => Chance(50) ? Attribute(s_stringAttributes) : Quote(Pick(s_words));

    private string LongExpr(int depth) => _random.Next(depth > 0 ? 5 : 2) switch
    {
        0 => _random.Next(-3, 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => Attribute(s_longAttributes),
        2 => $"({LongExpr(depth - 1)} + {LongExpr(depth - 1)})",
        3 => $"({LongExpr(depth - 1)} * {LongExpr(depth - 1)})",
        _ => $"-({LongExpr(depth - 1)})",
    };

    private string SetExpr() => Chance(50)
        ? Attribute(s_setAttributes)
        : "[" + string.Join(", ", Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Quote(Pick(s_words)))) + "]";

    private string Pattern()
    {
        var pattern = new StringBuilder();
        var pieces = _random.Next(0, 4);
        for (var i = 0; i < pieces; i++)
        {
            pattern.Append(Pick(s_patternPieces));
        }

        return "\"" + pattern + "\"";
    }

    private AuthorizationRequest Request()
    {
        var claims = new Dictionary<string, JsonElement>();
        if (Chance(70)) { claims["role"] = Json(JsonSerializer.Serialize(Pick(s_words))); }
        if (Chance(70)) { claims["level"] = Json(_random.Next(-2, 8).ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        if (Chance(50)) { claims["email"] = Json(JsonSerializer.Serialize(Pick(["a@acme.com", "dev@x.org", "guest", ""]))); }
        if (Chance(60)) { claims["groups"] = Json(JsonSerializer.Serialize(Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Pick(s_words)))); }
        if (Chance(50)) { claims["verified"] = Json(Chance(50) ? "true" : "false"); }
        if (Chance(50)) { claims["org"] = Json(Pick(["{\"name\": \"acme-inc\", \"size\": 5}", "{\"name\": \"other\"}", "{\"size\": 1}", "{}"])); }
        if (Chance(10)) { claims["ratio"] = Json("1.5"); }

        var arguments = new Dictionary<string, JsonElement>();
        if (Chance(60)) { arguments["path"] = Json(JsonSerializer.Serialize(Pick(s_words))); }
        if (Chance(40)) { arguments["mode"] = Json(JsonSerializer.Serialize(Pick(["ro", "rw", "a*b"]))); }
        if (Chance(60)) { arguments["count"] = Json(_random.Next(-1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        if (Chance(40)) { arguments["tags"] = Json(JsonSerializer.Serialize(Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Pick(s_words)))); }

        var action = Pick([McpAction.CallTool, McpAction.CallTool, McpAction.GetPrompt, McpAction.ReadResource, McpAction.ListTools]);
        var name = action switch
        {
            McpAction.CallTool => Pick(s_tools),
            McpAction.GetPrompt => "greet",
            McpAction.ReadResource => "file:///etc/hosts",
            _ => null,
        };
        return McpAuthorizationRequests.Create(action, Pick(s_subjects), claims, name, arguments);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
