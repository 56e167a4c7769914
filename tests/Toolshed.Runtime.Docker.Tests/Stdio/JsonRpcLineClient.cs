using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker.Tests;

/// <summary>A minimal newline-delimited JSON-RPC speaker over an <see cref="IStdioChannel"/>, for tests.</summary>
public sealed class JsonRpcLineClient(IStdioChannel channel)
{
    private int _nextId;

    public async Task<JsonNode> RequestAsync(string method, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellationToken);
        while (true)
        {
            var line = await ReadLineAsync(channel.Output, cancellationToken)
                ?? throw new InvalidOperationException($"stdout ended before the answer to {method}");
            JsonNode? message;
            try
            {
                message = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                continue; // Not JSON: a server's stray output must not stop the conversation.
            }

            if (message?["id"]?.GetValue<int>() == id)
            {
                return message;
            }
        }
    }

    public Task NotifyAsync(string method, CancellationToken cancellationToken) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method }, cancellationToken);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "toolshed-tests", ["version"] = "1.0" },
        }, cancellationToken);
        await NotifyAsync("notifications/initialized", cancellationToken);
    }

    public Task<JsonNode> CallToolAsync(string name, JsonObject arguments, CancellationToken cancellationToken) =>
        RequestAsync("tools/call", new JsonObject { ["name"] = name, ["arguments"] = arguments }, cancellationToken);

    /// <summary>The first text content of a tools/call answer.</summary>
    public static string? ToolText(JsonNode answer) => answer["result"]?["content"]?[0]?["text"]?.GetValue<string>();

    /// <summary>Reads one line; null when the stream ends first.</summary>
    public static async Task<string?> ReadLineAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        long searched = 0; // Bytes already known to hold no newline: a 16 MiB line is scanned once, not per chunk.
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var position = buffer.Slice(searched).PositionOf((byte)'\n');
            if (position is { } newline)
            {
                var line = Encoding.UTF8.GetString(buffer.Slice(0, newline));
                reader.AdvanceTo(buffer.GetPosition(1, newline));
                return line;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            searched = buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Writes one line as it is, for messages whose answer never comes.</summary>
    public static async Task SendRawAsync(IStdioChannel channel, string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await channel.Input.WriteAsync(bytes, cancellationToken);
        await channel.Input.FlushAsync(cancellationToken);
    }

    private Task SendAsync(JsonObject message, CancellationToken cancellationToken) =>
        SendRawAsync(channel, message.ToJsonString(), cancellationToken);
}
