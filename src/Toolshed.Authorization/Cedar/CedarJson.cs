using System.Text.Json;

namespace Toolshed.Authorization.Cedar;

/// <summary>Reads values in Cedar's entity JSON format: <c>{"__entity": {type, id}}</c> for references, integers as
/// longs, arrays as sets, objects as records. Extension values (<c>__extn</c>), fractions and null are refused.</summary>
internal static class CedarJson
{
    public static EntityUid ReadEntityUid(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("__entity", out var inner))
        {
            element = inner;
        }

        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return new EntityUid(type.GetString()!, id.GetString()!);
        }

        throw new FormatException($"{where}: an entity reference is {{\"type\": \"...\", \"id\": \"...\"}}");
    }

    public static CedarValue ReadValue(JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return CedarValue.Of(element.GetString()!);
            case JsonValueKind.True:
                return CedarValue.True;
            case JsonValueKind.False:
                return CedarValue.False;
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                return CedarValue.Of(number);
            case JsonValueKind.Number:
                throw new FormatException($"{where}: {element.GetRawText()} is not a 64-bit integer (Cedar has no fractions)");
            case JsonValueKind.Array:
                return CedarValue.Set(element.EnumerateArray().Select((e, i) => ReadValue(e, $"{where}[{i}]")).ToList());
            case JsonValueKind.Object when element.TryGetProperty("__entity", out _):
                return CedarValue.Entity(ReadEntityUid(element, where));
            case JsonValueKind.Object when element.TryGetProperty("__extn", out _):
                throw new FormatException($"{where}: extension values (decimal, ip, datetime) are not supported");
            case JsonValueKind.Object:
                return CedarValue.Record(element.EnumerateObject()
                    .Select(p => new KeyValuePair<string, CedarValue>(p.Name, ReadValue(p.Value, $"{where}.{p.Name}"))).ToList());
            default:
                throw new FormatException($"{where}: null is not a Cedar value");
        }
    }
}
