using System.Text.Json;
using Toolshed.Authorization;

namespace Toolshed.Authorization.Tests.Support;

/// <summary>Requests and one-line evaluation for the unit tests.</summary>
internal static class Requests
{
    public const string Entities = """
        [
          {"uid": {"type": "Client", "id": "alice"}, "attrs": {"team": "core"}, "parents": [{"type": "Group", "id": "admins"}]},
          {"uid": {"type": "Group", "id": "admins"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
          {"uid": {"type": "Tool", "id": "deploy"}, "attrs": {}, "parents": [{"type": "ToolGroup", "id": "dangerous"}]},
          {"uid": {"type": "Ns::Team", "id": "x"}, "attrs": {}, "parents": []}
        ]
        """;

    /// <summary>alice calls the deploy tool with claims role=admin, level=3, groups=[a,b], org={name: acme, size: 5}
    /// and arguments path=/etc/passwd, count=2.</summary>
    public static AuthorizationRequest CallTool(string subject = "alice", string tool = "deploy") =>
        McpAuthorizationRequests.Create(
            McpAction.CallTool,
            subject,
            Json("""{"role": "admin", "level": 3, "groups": ["a", "b"], "org": {"name": "acme", "size": 5}}"""),
            tool,
            Json("""{"path": "/etc/passwd", "count": 2}"""));

    /// <summary>"true", "false" or "error": the value of <paramref name="condition"/> for <see cref="CallTool"/>.</summary>
    public static string Evaluate(string condition)
    {
        var decision = CedarAuthorizer.FromPolicies([$"permit(principal, action, resource) when {{ {condition} }};"], Entities)
            .IsAuthorized(CallTool());
        return decision.ErroredPolicies.Count > 0 ? "error" : decision.IsAllowed ? "true" : "false";
    }

    public static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
