using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry;

/// <summary>A registry the user added: its name and where it is read from (a local file or an http(s) URL, never both).
/// This is what <c>registries.json</c> remembers, and what <see cref="RegistryService.AddAsync"/> takes.</summary>
public sealed record RegistrySource
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("path")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }

    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>How the source reads in messages and logs: the path, or the URL without query and credentials.</summary>
    [JsonIgnore]
    public string Display => Path ?? RedactUrl(Url);

    private static string RedactUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : url ?? "";
}
