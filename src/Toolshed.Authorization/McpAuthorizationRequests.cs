using System.Text.Json;

namespace Toolshed.Authorization;

/// <summary>
/// Builds the ToolHive-style requests for MCP calls: principal <c>Client::"&lt;sub&gt;"</c> with each token claim as
/// a <c>claim_&lt;name&gt;</c> attribute; action <c>Action::"call_tool"</c> (…); resource <c>Tool::"&lt;name&gt;"</c>,
/// <c>Prompt::"&lt;name&gt;"</c> or <c>Resource::"&lt;uri&gt;"</c> with each argument as <c>arg_&lt;name&gt;</c>; claims
/// and arguments also in <c>context</c>. The list operations use ToolHive's resource <c>FeatureType::"tool"</c> (or
/// <c>"prompt"</c>, <c>"resource"</c>); to filter a list, ask <see cref="McpAction.CallTool"/> (…) per item, with
/// its name or URI and no arguments, as ToolHive does.
/// JSON maps as string→String, integer→Long, true/false→Bool, array→Set, object→Record; a fraction or an integer
/// beyond 64 bits becomes its JSON text as a String (Cedar has no floats); null is left out (Cedar has no null).
/// </summary>
public static class McpAuthorizationRequests
{
    public static AuthorizationRequest Create(
        McpAction action,
        string subject,
        IReadOnlyDictionary<string, JsonElement>? claims,
        string? name = null,
        IReadOnlyDictionary<string, JsonElement>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var resource = action switch
        {
            McpAction.CallTool => new EntityUid("Tool", Required(name)),
            McpAction.GetPrompt => new EntityUid("Prompt", Required(name)),
            McpAction.ReadResource => new EntityUid("Resource", Required(name)),
            McpAction.ListTools => new EntityUid("FeatureType", "tool"),
            McpAction.ListPrompts => new EntityUid("FeatureType", "prompt"),
            _ => new EntityUid("FeatureType", "resource"),
        };

        var claimAttributes = Prefixed("claim_", claims);
        var argumentAttributes = Prefixed("arg_", arguments);
        var context = new Dictionary<string, CedarValue>(claimAttributes, StringComparer.Ordinal);
        foreach (var (key, value) in argumentAttributes)
        {
            context[key] = value;
        }

        return new AuthorizationRequest(new EntityUid("Client", subject), new EntityUid("Action", action.ToActionName()), resource)
        {
            PrincipalAttributes = claimAttributes,
            ResourceAttributes = argumentAttributes,
            Context = CedarValue.Record(context),
        };
    }

    /// <summary>Maps a JSON value to a Cedar value (see the type's summary); <c>null</c> for JSON null.</summary>
    public static CedarValue? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => CedarValue.Of(element.GetString()!),
        JsonValueKind.True => CedarValue.True,
        JsonValueKind.False => CedarValue.False,
        JsonValueKind.Number => element.TryGetInt64(out var number)
            ? CedarValue.Of(number)
            : CedarValue.Of(element.GetRawText()),
        JsonValueKind.Array => CedarValue.Set(element.EnumerateArray().Select(FromJson).OfType<CedarValue>().ToList()),
        JsonValueKind.Object => CedarValue.Record(element.EnumerateObject()
            .Select(p => (p.Name, Value: FromJson(p.Value)))
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, CedarValue>(p.Name, p.Value!))
            .ToList()),
        _ => null,
    };

    private static Dictionary<string, CedarValue> Prefixed(string prefix, IReadOnlyDictionary<string, JsonElement>? values)
    {
        var result = new Dictionary<string, CedarValue>(StringComparer.Ordinal);
        if (values is null)
        {
            return result;
        }

        foreach (var (key, json) in values)
        {
            if (FromJson(json) is { } value)
            {
                result[string.Concat(prefix, key)] = value;
            }
        }

        return result;
    }

    private static string Required(string? name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("The tool, prompt or resource name is required for this action.", nameof(name)) : name;
}
