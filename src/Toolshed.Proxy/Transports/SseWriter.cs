using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Toolshed.Proxy.Transports;

/// <summary>Writes Server-Sent Events: headers, single events, and a pump from a message channel with keep-alives.</summary>
internal static class SseWriter
{
    public static void Prepare(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public static void WriteEvent(PipeWriter writer, string eventName, ReadOnlySpan<byte> data)
    {
        Write(writer, "event: "u8);
        var nameBytes = Encoding.UTF8.GetBytes(eventName);
        Write(writer, nameBytes);
        Write(writer, "\ndata: "u8);
        Write(writer, data);
        Write(writer, "\n\n"u8);
    }

    /// <summary>Streams every message from <paramref name="reader"/> until it completes or the client leaves.</summary>
    public static async Task PumpAsync(
        HttpResponse response,
        ChannelReader<ReadOnlyMemory<byte>> reader,
        TimeSpan keepAlive,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        var pending = true;
        Task<bool>? waiting = null;
        try
        {
            while (true)
            {
                while (reader.TryRead(out var message))
                {
                    WriteEvent(writer, "message", message.Span);
                    pending = true;
                }

                if (pending)
                {
                    pending = false;
                    if ((await writer.FlushAsync(cancellationToken)).IsCompleted)
                    {
                        return;
                    }
                }

                waiting ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                try
                {
                    var more = await waiting.WaitAsync(keepAlive, timeProvider, cancellationToken);
                    waiting = null;
                    if (!more)
                    {
                        return;
                    }
                }
                catch (TimeoutException)
                {
                    WriteKeepAlive(writer);
                    pending = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client left or the session ended.
        }
    }

    public static void WriteKeepAlive(PipeWriter writer) => Write(writer, ": keep-alive\n\n"u8);

    private static void Write(PipeWriter writer, ReadOnlySpan<byte> bytes)
    {
        var span = writer.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        writer.Advance(bytes.Length);
    }
}
