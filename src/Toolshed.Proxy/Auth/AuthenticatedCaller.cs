using System.Text.Json;

namespace Toolshed.Proxy.Auth;

/// <summary>Who made a request, as a validated bearer token says: its subject and every claim of its payload.</summary>
public sealed record AuthenticatedCaller(string? Subject, IReadOnlyDictionary<string, JsonElement> Claims)
{
    public static AuthenticatedCaller Anonymous { get; } = new(null, new Dictionary<string, JsonElement>());
}
