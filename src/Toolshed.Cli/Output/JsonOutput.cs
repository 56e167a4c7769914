using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Toolshed.Server.Api;

namespace Toolshed.Cli.Output;

/// <summary>Indented JSON for `--format json`, through the API's own source-generated contracts.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default),
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, (JsonTypeInfo<T>)s_options.GetTypeInfo(typeof(T)));
}
