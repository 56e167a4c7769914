using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Tests.Support;

/// <summary>Reads the JSON-RPC messages of an SSE answer one at a time, as they arrive (keep-alive comments skipped).</summary>
internal sealed class SseMessages(Stream stream) : IAsyncDisposable
{
    private readonly StreamReader _reader = new(stream);

    public async Task<JsonObject> NextAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonNode.Parse(line["data: ".Length..])!.AsObject();
            }
        }

        throw new InvalidOperationException("The SSE stream ended.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
