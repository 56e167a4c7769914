using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;

namespace Toolshed.Cli.Commands;

/// <summary>
/// Reads a file named on the command line for a create request — locally, with the daemon's rules (a regular file of at
/// most 1 MiB) — so that its content travels in the request: a path in an API call would name the daemon's filesystem.
/// </summary>
internal static class InlineFile
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>The file's text; a <see cref="CliException"/> naming <paramref name="option"/> when it may not be read.</summary>
    public static async Task<string> ReadAsync(string path, string option, CancellationToken cancellationToken)
    {
        try
        {
            return await SafeFileReader.ReadTextAsync(Path.GetFullPath(path), $"{option}: the file", option, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            throw new CliException(ex.Message, ShedApp.ExitUsage);
        }
    }

    /// <summary>The text as a JSON object when it is one (so the daemon gets it as an object), else null.</summary>
    public static JsonElement? AsObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, s_options);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
