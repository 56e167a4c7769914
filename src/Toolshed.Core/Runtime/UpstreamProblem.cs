namespace Toolshed.Core.Runtime;

/// <summary>
/// What a handler on the way to a remote can say about a refused request, for the proxy to pass on to the caller in
/// its JSON-RPC error (e.g. "sign in with `shed auth login NAME`") instead of a bare HTTP status.
/// </summary>
public static class UpstreamProblem
{
    public static readonly HttpRequestOptionsKey<string> Key = new("toolshed.upstream-problem");

    /// <summary>The problem a handler attached to <paramref name="request"/>, or null.</summary>
    public static string? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var problem) ? problem : null;
}
