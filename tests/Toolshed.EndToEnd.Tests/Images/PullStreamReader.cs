using System.Net.Http.Json;
using System.Text.Json;

namespace Toolshed.EndToEnd.Tests.Images;

/// <summary>POST /api/v1beta/images/pull as any API client would send it, its NDJSON answer read line by line.</summary>
internal static class PullStreamReader
{
    public sealed record Answer(HttpResponseMessage Response, IReadOnlyList<JsonElement> Lines, string Body);

    public static Task<Answer> PullAsync(HttpClient api, string image) => PullAsync(api, (object)new { image });

    /// <summary>Sends <paramref name="requestBody"/> as the request (e.g. a package with its runtime_image and rebuild).</summary>
    public static async Task<Answer> PullAsync(HttpClient api, object requestBody)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1beta/images/pull") { Content = JsonContent.Create(requestBody) };
        var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var lines = new List<JsonElement>();
        var body = new System.Text.StringBuilder();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            body.AppendLine(line);
            if (response.IsSuccessStatusCode && line.Length > 0)
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return new Answer(response, lines, body.ToString());
    }

    public static string? Text(this JsonElement line, string property) =>
        line.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
