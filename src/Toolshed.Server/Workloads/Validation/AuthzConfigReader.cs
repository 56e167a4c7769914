using System.Text.Json;
using Toolshed.Authorization;
using Toolshed.Core.IO;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// Turns an authz_config value into the text to store, checked policy by policy: the config as a JSON object, its
/// text (JSON or YAML), or an absolute path to it on the daemon's host, read with <see cref="SafeFileReader"/>. Read
/// once, at create time, so a later edit of the file cannot change the rules of a running workload behind the user's
/// back.
/// </summary>
public static class AuthzConfigReader
{
    private const string Field = "authz_config";

    public static async Task<string?> ReadAsync(JsonElement? value, CancellationToken cancellationToken)
    {
        if (StringOrObject.From(value, Field) is not { } given)
        {
            return null;
        }

        var text = given.Text;
        if (given.IsObject || text.StartsWith('{') || text.Contains('\n', StringComparison.Ordinal))
        {
            // What the caller sent: errors may say everything about it.
            CedarAuthorizer.Parse(text);
            return text;
        }

        if (!Path.IsPathFullyQualified(text))
        {
            throw new Core.Errors.InvalidInputException(
                $"authz_config must be a Cedar authorization config (a JSON object or its JSON/YAML text) or an absolute path to one; got '{text}'.", Field);
        }

        // A file on the daemon's host: errors name the path and the line, never what the file holds.
        var content = await SafeFileReader.ReadTextAsync(text, "The authorization config", Field, cancellationToken);
        CedarAuthorizer.ParseFileContent(content, text);
        return content;
    }
}
