using System.Text;
using System.Text.RegularExpressions;
using Toolshed.Core.Errors;
using Toolshed.Core.Secrets;

namespace Toolshed.Core.Remote;

/// <summary>
/// A remote's header as the user wrote it, <c>Name: value</c>, where the value may hold <c>{secret:NAME}</c> references
/// to stored secrets. Parsing checks the name and the references; resolving fills the values in, only when connecting.
/// </summary>
public static partial class HeaderTemplate
{
    public const int MaxHeaders = 32;
    public const int MaxValueLength = 8 * 1024;

    /// <summary>The prefix of the secrets Toolshed keeps for itself (e.g. <c>toolshed.oauth.NAME</c>).</summary>
    public const string ReservedSecretPrefix = "toolshed.";

    /// <summary>Headers the proxy itself sets or that belong to the connection, which a user may not override.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE",
        "Trailer", "Proxy-Connection", "Proxy-Authorization", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version",
        "Last-Event-ID", "Cookie",
    };

    /// <summary>Parses one <c>Name: value</c> line; throws <see cref="InvalidInputException"/> saying what is wrong.</summary>
    public static RemoteHeader Parse(string line, string field = "headers")
    {
        ArgumentNullException.ThrowIfNull(line);
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new InvalidInputException($"header '{Shorten(line)}' is not 'Name: value'.", field);
        }

        var header = new RemoteHeader(line[..colon].Trim(), line[(colon + 1)..].Trim());
        Validate(header, field);
        return header;
    }

    /// <summary>Checks a header's name, value and secret references.</summary>
    public static void Validate(RemoteHeader header, string field = "headers")
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!NamePattern().IsMatch(header.Name))
        {
            throw new InvalidInputException($"'{Shorten(header.Name)}' is not a header name (letters, digits and !#$%&'*+-.^_`|~).", field);
        }

        if (s_reserved.Contains(header.Name))
        {
            throw new InvalidInputException($"The header {header.Name} is set by Toolshed itself and cannot be given.", field);
        }

        if (header.Value.Length > MaxValueLength || header.Value.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new InvalidInputException(
                $"The value of header {header.Name} must be one line of at most {MaxValueLength} characters.", field);
        }

        foreach (var name in SecretNamesIn(header))
        {
            if (!SecretNames.IsValid(name))
            {
                throw new InvalidInputException($"{{secret:{Shorten(name)}}} in header {header.Name} does not name a valid secret.", field);
            }

            // Toolshed's own entries (a remote's OAuth grant, with its refresh token) never go into a header.
            if (name.StartsWith(ReservedSecretPrefix, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidInputException(
                    $"{{secret:{Shorten(name)}}} in header {header.Name} names one of Toolshed's own secrets ({ReservedSecretPrefix}…), which are never sent anywhere.", field);
            }
        }

        var unmatched = Reference().Replace(header.Value, "");
        if (unmatched.Contains("{secret:", StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"The value of header {header.Name} has an unfinished {{secret:…}} reference; write {{secret:NAME}}.", field);
        }
    }

    /// <summary>The stored secrets a header's value references.</summary>
    public static IEnumerable<string> SecretNamesIn(RemoteHeader header) =>
        Reference().Matches(header.Value).Select(m => m.Groups[1].Value);

    /// <summary>The value with every reference replaced by its secret's value; throws when a secret is missing.</summary>
    public static async Task<string> ResolveAsync(
        RemoteHeader header, Func<string, CancellationToken, Task<string?>> getSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(getSecret);
        var result = new StringBuilder(header.Value.Length);
        var last = 0;
        foreach (Match match in Reference().Matches(header.Value))
        {
            result.Append(header.Value, last, match.Index - last);
            var name = match.Groups[1].Value;
            var value = await getSecret(name, cancellationToken)
                ?? throw new InvalidInputException(
                    $"The secret '{name}' that header {header.Name} uses does not exist. Create it with `shed secret set {name}`.", "headers");
            if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new InvalidInputException($"The secret '{name}' holds a line break, so it cannot go into header {header.Name}.", "headers");
            }

            result.Append(value);
            last = match.Index + match.Length;
        }

        return result.Append(header.Value, last, header.Value.Length - last).ToString();
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex(@"\{secret:([^{}]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$")]
    private static partial Regex NamePattern();
}
