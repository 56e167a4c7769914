using Duende.IdentityModel.Client;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// How a client with a secret authenticates at the token endpoint: HTTP Basic unless the server's metadata lists
/// only <c>client_secret_post</c> (RFC 8414 makes <c>client_secret_basic</c> the default when it lists none). A client
/// without a secret sends only its id, in the body.
/// </summary>
internal static class TokenEndpointAuth
{
    public const string Basic = "client_secret_basic";
    public const string Post = "client_secret_post";
    public const string None = "none";

    public static string Choose(IReadOnlyList<string> supported, bool hasSecret)
    {
        ArgumentNullException.ThrowIfNull(supported);
        if (!hasSecret)
        {
            return None;
        }

        return supported.Count == 0 || supported.Contains(Basic, StringComparer.Ordinal) || !supported.Contains(Post, StringComparer.Ordinal)
            ? Basic
            : Post;
    }

    public static ClientCredentialStyle StyleOf(string? method) =>
        method == Basic ? ClientCredentialStyle.AuthorizationHeader : ClientCredentialStyle.PostBody;
}
