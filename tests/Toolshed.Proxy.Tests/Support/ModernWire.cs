using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>
/// 2026-07-28 requests written by hand, so a test can set (or break) every header and <c>_meta</c> key and read the
/// exact status and body of the answer: JSON, or the events of an SSE answer.
/// </summary>
internal sealed class ModernWire(HttpClient http)
{
    public const string Version = "2026-07-28";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static JsonObject Meta(JsonObject? capabilities = null, string version = Version, string? logLevel = null)
    {
        var meta = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = version,
            ["io.modelcontextprotocol/clientCapabilities"] = capabilities?.DeepClone() ?? new JsonObject(),
            ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "raw-test", ["version"] = "1" },
        };
        if (logLevel is not null)
        {
            meta["io.modelcontextprotocol/logLevel"] = logLevel;
        }

        return meta;
    }

    /// <summary>A well-formed modern request for <paramref name="method"/>: body with _meta, and the headers that mirror it.</summary>
    public static HttpRequestMessage Request(string method, JsonObject? parameters = null, JsonNode? id = null, JsonObject? meta = null, bool sse = false)
    {
        parameters ??= new JsonObject();
        parameters["_meta"] ??= meta ?? Meta();
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id ?? 1, ["method"] = method, ["params"] = parameters };
        var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd(sse ? "application/json, text/event-stream" : "application/json");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", Version);
        request.Headers.TryAddWithoutValidation("Mcp-Method", method);
        var name = parameters["name"] ?? parameters["uri"];
        if (name is JsonValue value && value.TryGetValue(out string? text))
        {
            request.Headers.TryAddWithoutValidation("Mcp-Name", text);
        }

        return request;
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var messages = new List<JsonObject>();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    messages.Add(JsonNode.Parse(line["data: ".Length..])!.AsObject());
                }
            }
        }
        else if (text.Length > 0)
        {
            messages.Add(JsonNode.Parse(text)!.AsObject());
        }

        return new Answer(response.StatusCode, messages, text);
    }

    public Task<Answer> CallAsync(string method, JsonObject? parameters = null, JsonNode? id = null, JsonObject? meta = null, bool sse = false) =>
        SendAsync(Request(method, parameters, id, meta, sse));

    /// <summary>What came back: the status, every message (the last one the response), and the raw body.</summary>
    public sealed record Answer(HttpStatusCode Status, IReadOnlyList<JsonObject> Messages, string Body)
    {
        public JsonObject Last => Messages.Count > 0 ? Messages[^1] : throw new InvalidOperationException("no message in: " + Body);

        public JsonObject? Result => Last["result"] as JsonObject;

        public int? ErrorCode => Last["error"]?["code"]?.GetValue<int>();
    }
}
