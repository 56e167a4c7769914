using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>What a <c>subscriptions/listen</c> stream asked for (its <c>notifications</c> filter), or agreed to.</summary>
internal sealed record ListenFilter(bool Tools, bool Prompts, bool Resources, IReadOnlyList<string> Uris)
{
    public const int MaxUris = 100;
    public const int MaxUriChars = 2048;

    /// <summary>The filter of <paramref name="notifications"/>; null with <paramref name="problem"/> when it is malformed.</summary>
    public static ListenFilter? Parse(JsonNode? notifications, out string? problem)
    {
        problem = null;
        if (notifications is null)
        {
            return new ListenFilter(false, false, false, []);
        }

        if (notifications is not JsonObject filter)
        {
            problem = "params.notifications must be an object";
            return null;
        }

        bool Flag(string key) => filter[key] is JsonValue v && v.TryGetValue(out bool b) && b;

        var uris = new List<string>();
        if (filter["resourceSubscriptions"] is { } listed)
        {
            if (listed is not JsonArray array || array.Count > MaxUris)
            {
                problem = $"params.notifications.resourceSubscriptions must be an array of at most {MaxUris} URIs";
                return null;
            }

            foreach (var item in array)
            {
                if (item is not JsonValue v || !v.TryGetValue(out string? uri) || uri.Length is 0 or > MaxUriChars)
                {
                    problem = $"params.notifications.resourceSubscriptions holds something that is not a URI of at most {MaxUriChars} characters";
                    return null;
                }

                if (!uris.Contains(uri, StringComparer.Ordinal))
                {
                    uris.Add(uri);
                }
            }
        }

        return new ListenFilter(Flag("toolsListChanged"), Flag("promptsListChanged"), Flag("resourcesListChanged"), uris);
    }

    /// <summary>The part of this filter the server can honour: list changes of what it offers, resource updates when it
    /// supports subscriptions.</summary>
    public ListenFilter AgreedBy(ServerFacts facts) => new(
        Tools && facts.Offers("tools"),
        Prompts && facts.Offers("prompts"),
        Resources && facts.Offers("resources"),
        facts.OffersResourceSubscriptions ? Uris : []);

    public bool Wants(string method, string? uri) => method switch
    {
        "notifications/tools/list_changed" => Tools,
        "notifications/prompts/list_changed" => Prompts,
        "notifications/resources/list_changed" => Resources,
        "notifications/resources/updated" => uri is not null && Uris.Contains(uri, StringComparer.Ordinal),
        _ => false,
    };

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Tools)
        {
            json["toolsListChanged"] = true;
        }

        if (Prompts)
        {
            json["promptsListChanged"] = true;
        }

        if (Resources)
        {
            json["resourcesListChanged"] = true;
        }

        if (Uris.Count > 0)
        {
            json["resourceSubscriptions"] = new JsonArray([.. Uris.Select(u => (JsonNode)u)]);
        }

        return json;
    }
}
