using System.Text;
using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>
/// Generates requests a proxy must refuse (or, for well-formed calls of unknown methods, answer with -32601), from a
/// seed: each kind of case breaks exactly one layer — HTTP verb, path, headers, content type, bytes, JSON, JSON-RPC —
/// of an otherwise valid request, so the expected answer is known without a second implementation of the rules.
/// </summary>
internal sealed class BadRequestGenerator(int seed, int maxBodyBytes)
{
    private static readonly string[] s_kinds =
    [
        "truncated", "bad-utf8", "trailing", "deep", "duplicate-key", "bad-jsonrpc", "bad-id", "bad-params", "bad-method",
        "not-a-message", "bad-batch", "random-bytes", "content-type", "verb", "path", "session", "protocol-version", "accept",
        "host", "origin", "too-large", "legacy", "get-delete", "unknown-method", "unknown-notification", "modern",
    ];

    private static readonly string[] s_contentTypes =
    [
        "text/plain", "text/html; charset=utf-8", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
        "application/json; charset=latin-9", "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
        "application/json; charset=windows-1252", "application/octet-stream", "json", "application/jsonx", "*/*",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<FuzzCase> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Make(i, s_kinds[_random.Next(s_kinds.Length)]);
        }
    }

    private FuzzCase Make(int index, string kind) => kind switch
    {
        "truncated" => Post(index, kind, Truncate(ValidBytes())),
        "bad-utf8" => Post(index, kind, InsertBadUtf8(ValidBytes())),
        "trailing" => Post(index, kind, [.. ValidBytes(), .. Encoding.ASCII.GetBytes(Pick(" x", "{}", "[1]", " 1", "\"s\"", "]", "}", " null", ",{}"))]),
        "deep" => Post(index, kind, Deep()),
        "duplicate-key" => Post(index, kind, DuplicateKey()),
        "bad-jsonrpc" => Post(index, kind, With(ValidMessage(), "jsonrpc", Pick<JsonNode?>("1.0", "2", 2.0, null, "2.0 ", "", new JsonObject(), true))),
        "bad-id" => Post(index, kind, With(ValidMessage(), "id", Pick<JsonNode?>(null, true, false, new JsonObject(), new JsonArray(1), new JsonArray()))),
        "bad-params" => Post(index, kind, With(ValidMessage(), "params", Pick<JsonNode?>(new JsonArray(1), new JsonArray(), 5, "x", true, null))),
        "bad-method" => Post(index, kind, With(ValidMessage(), "method", Pick<JsonNode?>(5, null, true, new JsonObject(), new JsonArray("tools/list")))),
        "not-a-message" => Post(index, kind, Encoding.UTF8.GetBytes(Pick(
            """{"jsonrpc":"2.0","id":1}""", """{"jsonrpc":"2.0"}""", "{}", "1", "\"tools/list\"", "null", "true",
            """{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}}""", """{"jsonrpc":"2.0","id":1,"error":5}"""))),
        "bad-batch" => BadBatch(index, kind),
        "random-bytes" => Post(index, kind, RandomBytes()),
        "content-type" => Post(index, kind, ValidBytes(), Pick(s_contentTypes)),
        "verb" => Verb(index, kind),
        "path" => new FuzzCase(index, kind, Pick(HttpMethod.Get, HttpMethod.Post), Pick("/", "/mcpx", "/api/v1beta/workloads", "/mcp/../x", "/SSE", "/messages/1", "/.env", "/mcp%00"), ValidBytes(), "application/json"),
        "session" => Post(index, kind, ValidBytes()) with { Headers = Header("Mcp-Session-Id", BadSession()) },
        "protocol-version" => Post(index, kind, ValidBytes()) with { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = FuzzCase.ValidSession, ["MCP-Protocol-Version"] = Pick("1999-01-01", "2025-13-01", "latest", "2025-06-18x", "x") } },
        "accept" => Post(index, kind, ValidBytes()) with { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = FuzzCase.ValidSession, ["Accept"] = Pick("text/html", "image/png", "application/xml") } },
        "host" => Post(index, kind, ValidBytes()) with { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = FuzzCase.ValidSession, ["Host"] = Pick("evil.example", "evil.example:80", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1", "[::2]:1") } },
        "origin" => Post(index, kind, ValidBytes()) with { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = FuzzCase.ValidSession, ["Origin"] = Pick("https://evil.example", "http://localhost.evil.example", "null", "http://10.0.0.1", "http://127.0.0.1.evil.example:80") } },
        "too-large" => Post(index, kind, TooLarge()),
        "legacy" => Legacy(index, kind),
        "get-delete" => GetOrDelete(index, kind),
        "unknown-method" => UnknownMethod(index, kind),
        "unknown-notification" => Post(index, kind, Bytes(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/x-" + Word(), ["params"] = new JsonObject { ["n"] = _random.Next() } })) with { Expect = FuzzExpectation.Accepted },
        "modern" => Modern(index, kind),
        _ => throw new InvalidOperationException(kind),
    };

    /// <summary>A 2026-07-28 request (no session) broken in one way its rules name: always a 4xx with a JSON-RPC error.</summary>
    private FuzzCase Modern(int index, string kind)
    {
        var message = ValidMessage();
        var method = message["method"]!.GetValue<string>();
        if (method == "ping")
        {
            message["method"] = method = "tools/list";
        }

        var parameters = message["params"] as JsonObject ?? new JsonObject();
        message["params"] = parameters;
        var meta = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        parameters["_meta"] = meta;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["MCP-Protocol-Version"] = "2026-07-28",
            ["Mcp-Method"] = method,
        };
        if ((parameters["name"] ?? parameters["uri"]) is JsonValue name)
        {
            headers["Mcp-Name"] = name.GetValue<string>();
        }

        switch (_random.Next(15))
        {
            case 0: headers.Remove("Mcp-Method"); break;
            case 1: headers["Mcp-Method"] = Pick(method.ToUpperInvariant(), "x" + method, method + "/x"); break;
            case 2: headers["Mcp-Name"] = Pick("other", "=?base64?***?=", "=?base64?/w==?=", "ech o"); if (method == "tools/list") { message["method"] = headers["Mcp-Method"] = "tools/call"; parameters["name"] = "echo"; } break;
            case 3: parameters.Remove("_meta"); break;
            case 4: parameters["_meta"] = Pick<JsonNode?>(5, "x", new JsonArray(), null); break;
            case 5: meta["io.modelcontextprotocol/protocolVersion"] = Pick<JsonNode?>(5, null, "2025-11-25", "2026-07-29", new JsonObject()); break;
            case 6: meta["io.modelcontextprotocol/clientCapabilities"] = Pick<JsonNode?>(5, null, "x", new JsonArray()); break;
            case 7: meta["io.modelcontextprotocol/logLevel"] = Pick<JsonNode?>("loud", 3, null, "DEBUG"); break;
            case 8: message["method"] = headers["Mcp-Method"] = "tools/call"; parameters["name"] = "echo"; headers["Mcp-Name"] = "echo"; parameters["requestState"] = Pick<JsonNode>(Word(), "a.b", Word() + "." + Word(), 5, new string('x', 3000)); break;
            case 9: message["method"] = headers["Mcp-Method"] = "subscriptions/listen"; parameters["notifications"] = Pick<JsonNode?>(5, "x", new JsonObject { ["resourceSubscriptions"] = "x" }, new JsonObject { ["resourceSubscriptions"] = new JsonArray(1) }); break;
            case 10: return Post(index, kind, Encoding.UTF8.GetBytes("[" + message.ToJsonString() + "]")) with { Headers = headers };
            case 11: message["method"] = headers["Mcp-Method"] = Pick("ping", "logging/setLevel", "tasks/get", "resources/subscribe"); parameters["uri"] = "demo://x"; parameters["level"] = "info"; break;
            case 12: headers["MCP-Protocol-Version"] = Pick("2026-07-29", "2026-07-28x", "2026"); break;
            case 13: message.Remove("method"); message["result"] = new JsonObject(); break;
            default: message["method"] = headers["Mcp-Method"] = "x/" + Word(); break;
        }

        return Post(index, kind, Bytes(message)) with { Headers = headers };
    }

    private static FuzzCase Post(int index, string kind, byte[] body, string contentType = "application/json") =>
        new(index, kind, HttpMethod.Post, "/mcp", body, contentType) { Headers = Header("Mcp-Session-Id", FuzzCase.ValidSession) };

    private static Dictionary<string, string> Header(string name, string value) => new(StringComparer.OrdinalIgnoreCase) { [name] = value };

    private JsonObject ValidMessage()
    {
        var id = _random.Next(2) == 0 ? (JsonNode)_random.Next(1, 1_000_000) : "r-" + Word();
        return _random.Next(5) switch
        {
            0 => new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "tools/list" },
            1 => new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "ping" },
            2 => new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "tools/call", ["params"] = new JsonObject { ["name"] = "echo", ["arguments"] = new JsonObject { ["message"] = Word() + " é ☃ 😀" } } },
            3 => new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "resources/read", ["params"] = new JsonObject { ["uri"] = "demo://resource/static/document/" + Word() } },
            _ => new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "prompts/get", ["params"] = new JsonObject { ["name"] = "simple-prompt", ["arguments"] = new JsonObject() } },
        };
    }

    private byte[] ValidBytes() => Bytes(ValidMessage());

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static byte[] With(JsonObject message, string name, JsonNode? value)
    {
        message[name] = value;
        return Bytes(message);
    }

    /// <summary>Any proper prefix of an object is not JSON.</summary>
    private byte[] Truncate(byte[] bytes) => bytes[.._random.Next(0, bytes.Length - 1)];

    private byte[] InsertBadUtf8(byte[] bytes)
    {
        byte[][] bad = [[0xFF], [0xC0, 0xAF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];
        var at = _random.Next(1, bytes.Length - 1);
        return [.. bytes[..at], .. Pick(bad), .. bytes[at..]];
    }

    private byte[] Deep()
    {
        var depth = _random.Next(65, 5000);
        var (open, close) = _random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":""" + nested + "}}}");
    }

    private byte[] DuplicateKey() => Encoding.UTF8.GetBytes(_random.Next(4) switch
    {
        0 => """{"jsonrpc":"2.0","id":1,"id":2,"method":"tools/list"}""",
        1 => """{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call"}""",
        2 => """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{""" + "\"" + Word() + "\"" + """:1,"message":"a","message":"b"}}}""",
        _ => """{"jsonrpc":"2.0","jsonrpc":"2.0","id":1,"method":"ping","params":{"\u0061":1,"a":2}}""",
    });

    private FuzzCase BadBatch(int index, string kind)
    {
        var body = _random.Next(4) switch
        {
            0 => "[]",
            1 => "[" + ValidMessage().ToJsonString() + ",1]",
            2 => "[" + ValidMessage().ToJsonString() + "," + """{"jsonrpc":"1.0","id":2,"method":"ping"}""" + "]",
            _ => "[" + """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"f","version":"1"}}}""" + "," + ValidMessage().ToJsonString() + "]",
        };

        // A well-formed batch is still refused: the session speaks 2025-06-18, which has no batches.
        return Post(index, kind, Encoding.UTF8.GetBytes(body)) with
        {
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = FuzzCase.ValidSession, ["MCP-Protocol-Version"] = "2025-06-18" },
        };
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 512)];
        _random.NextBytes(bytes);
        if (bytes.Length > 0 && bytes[0] is (byte)'{' or (byte)'[')
        {
            bytes[0] = (byte)'#';
        }

        return bytes;
    }

    private byte[] TooLarge()
    {
        var message = ValidMessage();
        message["params"] = new JsonObject { ["name"] = "echo", ["arguments"] = new JsonObject { ["message"] = new string('x', maxBodyBytes + _random.Next(1, 4096)) } };
        return Bytes(message);
    }

    private FuzzCase Verb(int index, string kind)
    {
        var (method, path) = _random.Next(5) switch
        {
            0 => (HttpMethod.Put, "/mcp"),
            1 => (HttpMethod.Patch, "/mcp"),
            2 => (HttpMethod.Options, "/mcp"),
            3 => (HttpMethod.Post, "/sse"),
            _ => (Pick(HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete), "/messages"),
        };
        return new FuzzCase(index, kind, method, path, ValidBytes(), "application/json") { Headers = Header("Mcp-Session-Id", FuzzCase.ValidSession) };
    }

    private string BadSession() => _random.Next(5) switch
    {
        0 => Convert.ToHexStringLower(RandomBytesOf(16)),
        1 => Word(),
        2 => new string('a', _random.Next(33, 4000)),
        3 => "../../etc/passwd",
        _ => Convert.ToHexStringLower(RandomBytesOf(15)),
    };

    private FuzzCase Legacy(int index, string kind)
    {
        var session = _random.Next(3) switch
        {
            0 => "",
            1 => "?sessionId=" + Uri.EscapeDataString(BadSession()),
            _ => "?sessionId=" + FuzzCase.ValidLegacySession,
        };
        var body = session.EndsWith(FuzzCase.ValidLegacySession, StringComparison.Ordinal)
            ? Pick(Truncate(ValidBytes()), InsertBadUtf8(ValidBytes()), With(ValidMessage(), "params", new JsonArray(1)), DuplicateKey(), Deep())
            : ValidBytes();
        return new FuzzCase(index, kind, HttpMethod.Post, "/messages" + session, body, Pick("application/json", "application/json; charset=latin-9"));
    }

    private FuzzCase GetOrDelete(int index, string kind) => _random.Next(3) switch
    {
        0 => new FuzzCase(index, kind, HttpMethod.Get, "/mcp", null, null) { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = FuzzCase.ValidSession, ["Accept"] = "application/json" } },
        1 => new FuzzCase(index, kind, HttpMethod.Get, "/mcp", null, null) { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Mcp-Session-Id"] = BadSession(), ["Accept"] = "text/event-stream" } },
        _ => new FuzzCase(index, kind, HttpMethod.Delete, "/mcp", null, null) { Headers = Header("Mcp-Session-Id", BadSession()) },
    };

    private FuzzCase UnknownMethod(int index, string kind)
    {
        JsonNode id = _random.Next(4) switch
        {
            0 => new string('i', _random.Next(1, 20_000)),
            1 => JsonNode.Parse(string.Concat(Enumerable.Range(0, _random.Next(20, 60)).Select(_ => (char)('1' + _random.Next(9)))))!,
            2 => JsonNode.Parse(Pick("1e400", "-0", "1.5", "-9223372036854775809", "18446744073709551616"))!,
            _ => "ü☃-" + Word(),
        };
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = Pick("x/", "tools/x-", "x-", "notificationsx/") + Word() };
        return Post(index, kind, Bytes(message)) with { Expect = FuzzExpectation.MethodNotFound, IdJson = id.ToJsonString() };
    }

    private string Word() => string.Concat(Enumerable.Range(0, _random.Next(1, 12)).Select(_ => (char)('a' + _random.Next(26))));

    private byte[] RandomBytesOf(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];
}
