using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Groups;

/// <summary>A request a member sent (sampling, elicitation, roots) that waits for the group's client to answer it.</summary>
internal sealed record HeldServerRequest(MemberConnection Connection, JsonNode MemberId);
