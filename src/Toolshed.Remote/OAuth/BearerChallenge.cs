using System.Net.Http.Headers;
using System.Text;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// A remote's <c>WWW-Authenticate: Bearer …</c> challenge (RFC 6750, with RFC 9728's <c>resource_metadata</c>): what
/// went wrong, which scopes it wants, and where its protected resource metadata is.
/// </summary>
internal sealed record BearerChallenge
{
    private const int MaxParameterBytes = 8 * 1024;

    public string? Error { get; init; }

    public string? ErrorDescription { get; init; }

    public string? Scope { get; init; }

    public Uri? ResourceMetadata { get; init; }

    public bool InsufficientScope => Error == "insufficient_scope";

    /// <summary>The Bearer challenge of a response, or null when it has none.</summary>
    public static BearerChallenge? From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            if (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return Parse(header);
            }
        }

        return null;
    }

    public static BearerChallenge Parse(AuthenticationHeaderValue header)
    {
        var parameters = ParseParameters(header.Parameter ?? "");
        return new BearerChallenge
        {
            Error = parameters.GetValueOrDefault("error"),
            ErrorDescription = parameters.GetValueOrDefault("error_description"),
            Scope = parameters.GetValueOrDefault("scope"),
            ResourceMetadata = Uri.TryCreate(parameters.GetValueOrDefault("resource_metadata"), UriKind.Absolute, out var url) ? url : null,
        };
    }

    /// <summary>auth-params: <c>name=token</c> or <c>name="quoted \" string"</c>, comma separated; names in lower case.</summary>
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length > MaxParameterBytes)
        {
            return result;
        }

        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ','))
            {
                i++;
            }

            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ' ' or ','))
            {
                i++;
            }

            var name = text[nameStart..i].ToLowerInvariant();
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i++]);
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i++]);
                }
            }

            if (name.Length > 0)
            {
                result.TryAdd(name, value.ToString().Trim());
            }
        }

        return result;
    }
}
