using System.Net.Http.Headers;
using System.Text;

namespace Toolshed.Bench.Modern;

/// <summary>
/// What both clients share, so they cost the same: one HttpClient (SocketsHttpHandler) per caller, the POST with its
/// Accept header, and the answer read as JSON or as SSE (the first event carrying a result or an error), as
/// bench/Toolshed.Bench's raw client reads it.
/// </summary>
internal static class EchoWire
{
    public static HttpClient NewClient() => new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) };

    public static HttpRequestMessage Post(Uri url, string json, bool jsonOnly)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("Accept", jsonOnly ? "application/json" : "application/json, text/event-stream");
        return request;
    }

    /// <summary>The JSON-RPC response of an answer: the body, or the data of its first event with a result or an error.</summary>
    public static async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Read to the end so the connection goes back to the pool; bounded, an answer never needs more lines.
        var answer = "";
        for (var i = 0; i < 10_000; i++)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            if (answer.Length == 0 && line.StartsWith("data:", StringComparison.Ordinal)
                && (line.Contains("\"result\"", StringComparison.Ordinal) || line.Contains("\"error\"", StringComparison.Ordinal)))
            {
                answer = line;
            }
        }

        return answer;
    }

    /// <summary>The answer is the success of request <paramref name="id"/> and carries <paramref name="message"/> back.</summary>
    public static bool Carries(string answer, string id, string message) =>
        answer.Contains("\"id\":" + id, StringComparison.Ordinal) && answer.Contains(message, StringComparison.Ordinal)
        && !answer.Contains("\"error\"", StringComparison.Ordinal);
}
