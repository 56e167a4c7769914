using System.Text;
using System.Text.Json;
using Toolshed.Core.Errors;

namespace Toolshed.Core.Registry;

/// <summary>
/// Reads a registry document (<c>{"version","last_updated","servers":{name: server}}</c>) and checks it, so that
/// everything after loading can trust it: each server has an image, a known transport, a usable port.
/// Every failure is an <see cref="InvalidInputException"/> saying where the document went wrong.
/// </summary>
public static class RegistryLoader
{
    /// <summary>The largest registry document read (a catalog of thousands of servers is far below this).</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>How deeply a registry document may nest (a server entry nests 5 levels).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = MaxDepth,
    };

    /// <summary>Parses and validates a registry; <paramref name="source"/> names it in error messages.</summary>
    public static RegistryDocument Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), source);
    }

    /// <inheritdoc cref="Parse(string, string)"/>
    public static RegistryDocument Parse(ReadOnlyMemory<byte> utf8Json, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (utf8Json.Length > MaxDocumentBytes)
        {
            throw TooLarge(source);
        }

        CheckStructure(utf8Json, source);
        RegistryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json.Span, RegistryJsonContext.Default.RegistryDocument);
        }
        catch (JsonException ex)
        {
            var field = ToField(ex.Path);
            throw new InvalidInputException(
                $"The registry {source} has a value of the wrong type at '{field}' ({Position(ex)}): {Reason(ex)}",
                field,
                "Compare the field with the registry format in the API reference.");
        }

        return RegistryValidator.Validate(document!, source);
    }

    /// <summary>Reads the whole stream (up to <see cref="MaxDocumentBytes"/>) and parses it.</summary>
    public static async Task<RegistryDocument> LoadAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = await IO.BoundedRead.ReadAllAsync(stream, MaxDocumentBytes, cancellationToken).ConfigureAwait(false) ?? throw TooLarge(source);
        return Parse(bytes, source);
    }

    /// <summary>Syntax first (with line and position), then the top-level shape.</summary>
    private static void CheckStructure(ReadOnlyMemory<byte> utf8Json, string source)
    {
        try
        {
            using var json = JsonDocument.Parse(utf8Json, s_documentOptions);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(
                    $"The registry {source} is a JSON {Kind(json.RootElement.ValueKind)}, not an object.",
                    "registry",
                    "A registry is an object: {\"version\": \"1\", \"last_updated\": \"...\", \"servers\": {\"name\": {...}}}.");
            }

            var hasServers = json.RootElement.TryGetProperty("servers", out var servers) && servers.ValueKind == JsonValueKind.Object;
            var hasRemotes = json.RootElement.TryGetProperty("remote_servers", out var remotes) && remotes.ValueKind == JsonValueKind.Object;
            if (!hasServers && !(hasRemotes && servers.ValueKind == JsonValueKind.Undefined))
            {
                throw new InvalidInputException(
                    $"The registry {source} has no \"servers\" object.",
                    "servers",
                    "List the servers as an object keyed by server name: \"servers\": {\"fetch\": {\"image\": \"mcp/fetch\", ...}}.");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(
                $"The registry {source} is not valid JSON at {Position(ex)}: {Reason(ex)}",
                "registry",
                "Fix the JSON syntax at that place (a JSON linter shows it too).");
        }
    }

    private static InvalidInputException TooLarge(string source) => new(
        $"The registry {source} is larger than {MaxDocumentBytes / (1024 * 1024)} MiB.",
        "registry",
        "Split it into several registries.");

    private static string Position(JsonException ex) => ex.LineNumber is { } line
        ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"
        : "an unknown position";

    /// <summary>The exception's own explanation without the path/line suffix we report separately.</summary>
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:", " | LineNumber:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd();
    }

    private static string ToField(string? jsonPath) => string.IsNullOrEmpty(jsonPath) || jsonPath == "$"
        ? "registry"
        : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
