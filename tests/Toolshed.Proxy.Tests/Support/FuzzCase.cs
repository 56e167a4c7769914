namespace Toolshed.Proxy.Tests.Support;

/// <summary>One generated request of the proxy fuzz test, and what the proxy may answer to it.</summary>
internal sealed record FuzzCase(int Index, string Kind, HttpMethod Method, string Path, byte[]? Body, string? ContentType)
{
    /// <summary>Header name to value; "Mcp-Session-Id" set to <see cref="ValidSession"/> means a live session's id.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a correct proxy answers.</summary>
    public FuzzExpectation Expect { get; init; } = FuzzExpectation.Refused;

    /// <summary>For <see cref="FuzzExpectation.MethodNotFound"/>: the id, as raw JSON, the error must carry.</summary>
    public string? IdJson { get; init; }

    /// <summary>Replaced by a live Streamable HTTP session id when sent.</summary>
    public const string ValidSession = "<valid>";

    /// <summary>Replaced by a live legacy SSE session id when sent (in the path's query).</summary>
    public const string ValidLegacySession = "<valid-legacy>";

    public string Describe() =>
        $"#{Index} {Kind}: {Method} {Path} [{ContentType ?? "no content type"}] {string.Join(' ', Headers.Select(h => $"{h.Key}={Shorten(h.Value)}"))} body={Shorten(Body is null ? "(none)" : Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 120))))}";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
