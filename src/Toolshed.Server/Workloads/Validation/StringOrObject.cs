using System.Text.Json;
using Toolshed.Core.Errors;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>A create-body field that is a string (a name, a path or a text) or a JSON object given inline.</summary>
internal readonly record struct StringOrObject(string Text, bool IsObject)
{
    /// <summary>Null for an absent, null or blank value; a 400 naming <paramref name="field"/> for another JSON type.</summary>
    public static StringOrObject? From(JsonElement? value, string field)
    {
        if (value is not { } element)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return new StringOrObject(element.GetRawText(), IsObject: true);
            case JsonValueKind.String:
                var text = element.GetString()!.Trim();
                return text.Length == 0 ? null : new StringOrObject(text, IsObject: false);
            default:
                throw new InvalidInputException(
                    $"{field} must be a string (a name, or an absolute path on the daemon's host) or a JSON object, not a {element.ValueKind.ToString().ToLowerInvariant()}.",
                    field);
        }
    }
}
