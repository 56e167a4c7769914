using System.Text.Json;

namespace Toolshed.Cli.Tests.Fakes;

/// <summary>Every property name in a JSON document, at any depth (label and map keys included).</summary>
internal static class JsonKeys
{
    public static IEnumerable<string> Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Of(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Of),
        _ => [],
    };
}
