using System.Text.Json;

namespace Toolshed.Server.Tests.Support;

/// <summary>Asserts that a JSON object has exactly the expected keys, each with the expected JSON type.</summary>
public static class JsonShape
{
    public const string JString = "string";
    public const string JNumber = "number";
    public const string JBoolean = "boolean";
    public const string JArray = "array";
    public const string JObject = "object";

    /// <summary>Any value, null included (the reference's attestation "predicate").</summary>
    public const string JAny = "any";

    public static void AssertObject(JsonElement element, Dictionary<string, string> expected, string where)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.True(element.ValueKind == JsonValueKind.Object, $"{where} is {element.ValueKind}, not an object.");
        var actualKeys = element.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(actualKeys),
            $"{where} has keys [{string.Join(", ", actualKeys)}], expected [{string.Join(", ", expected.Keys.Order(StringComparer.Ordinal))}].");
        foreach (var (key, type) in expected)
        {
            var kind = TypeOf(element.GetProperty(key));
            Assert.True(type == JAny || type == kind, $"{where}.{key} is {kind}, expected {type}.");
        }
    }

    public static string TypeOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => JString,
        JsonValueKind.Number => JNumber,
        JsonValueKind.True or JsonValueKind.False => JBoolean,
        JsonValueKind.Array => JArray,
        JsonValueKind.Object => JObject,
        _ => "null",
    };
}
