using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// A client connection to an HTTP+SSE (2024-11-05) server: one GET stream, opened on the first message, announces the
/// endpoint to POST messages to and carries every message of the server; when it ends, the session is gone.
/// </summary>
internal sealed class LegacySseUpstreamChannel(HttpClient http, Uri endpoint, string workloadName, ILogger logger)
    : HttpUpstreamChannel(http, endpoint, workloadName, logger)
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptEvents = new("text/event-stream");

    private readonly Lock _gate = new();
    private TaskCompletionSource<Uri>? _messagesEndpoint;

    protected override async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var target = await ConnectAsync().WaitAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ReadOnlyMemoryContent(message) };
        request.Content.Headers.ContentType = s_json;
        HttpResponseMessage response;
        try
        {
            // Answers come on the stream, so this returns once the server took the message: awaiting it keeps order.
            response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            UpstreamLog.UpstreamLost(Logger, WorkloadName, ex.Message);
            await EndAsync();
            throw new IOException("The MCP server's HTTP connection is gone.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var head = MessageHead.Read(message);
                UpstreamLog.UpstreamRefused(Logger, WorkloadName, head.Method ?? "(response)", (int)response.StatusCode);
                if (head.IsRequest)
                {
                    await WriteRefusalAsync(head.IdJson!, response);
                }
            }
        }
    }

    private Task<Uri> ConnectAsync()
    {
        TaskCompletionSource<Uri> endpointSource;
        lock (_gate)
        {
            if (_messagesEndpoint is { } existing)
            {
                return existing.Task;
            }

            endpointSource = _messagesEndpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!TryStart(ct => ReadStreamAsync(endpointSource, ct)))
        {
            endpointSource.TrySetException(new IOException("The MCP server's HTTP connection is gone."));
        }

        return endpointSource.Task;
    }

    private async Task ReadStreamAsync(TaskCompletionSource<Uri> endpointSource, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint);
            request.Headers.Accept.Add(s_acceptEvents);
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                UpstreamLog.UpstreamRefused(Logger, WorkloadName, "GET", (int)response.StatusCode);
                return;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await SseEventReader.ReadAsync(
                stream,
                (eventType, data) =>
                {
                    if (eventType == "endpoint")
                    {
                        OnEndpoint(endpointSource, data);
                        return ValueTask.CompletedTask;
                    }

                    return eventType is null or "message" && !data.IsEmpty ? WriteMessageAsync(data) : ValueTask.CompletedTask;
                },
                cancellationToken);
        }
        finally
        {
            // Whatever ended the stream ended the session; in-flight requests fail and a new channel starts afresh.
            endpointSource.TrySetException(new IOException("The MCP server's event stream ended."));
            await EndAsync();
        }
    }

    private void OnEndpoint(TaskCompletionSource<Uri> endpointSource, ReadOnlyMemory<byte> data)
    {
        var text = Encoding.UTF8.GetString(data.Span).Trim();
        if (Uri.TryCreate(Endpoint, text, out var target)
            && string.Equals(target.GetLeftPart(UriPartial.Authority), Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            MarkConnected();
            endpointSource.TrySetResult(target);
        }
        else
        {
            // Messages go only to the server the workload names, never to an address it announces elsewhere.
            UpstreamLog.ForeignEndpoint(Logger, WorkloadName);
            endpointSource.TrySetException(new IOException("The MCP server announced an endpoint on another host."));
        }
    }
}
