using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Transports;

/// <summary>Writes the answer of one Streamable HTTP POST from its <see cref="ExchangeSink"/>: an event stream or JSON.</summary>
internal static class ExchangeAnswer
{
    /// <summary>
    /// Streams the exchange as Server-Sent Events until every response is out or the client leaves. Nothing is flushed
    /// after the last event: the response's completion sends headers, events and the closing chunk together, one write
    /// for the usual single answer. A keep-alive goes out whenever the stream has been silent for
    /// <paramref name="keepAlive"/>; its timer is only started when the answer is not already there.
    /// </summary>
    public static async Task WriteEventsAsync(
        HttpResponse response, ExchangeSink exchange, TimeSpan keepAlive, TimeProvider timeProvider, CancellationToken cancellationToken, bool prepared = false)
    {
        if (!prepared)
        {
            SseWriter.Prepare(response);
        }

        var writer = response.BodyWriter;
        var taken = new List<ReadOnlyMemory<byte>>(1);
        ITimer? keepAliveTimer = null;
        using var leaving = cancellationToken.UnsafeRegister(static state => ((ExchangeSink)state!).Abandon(), exchange);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var finished = exchange.Take(ref taken, out var keepAliveDue);
                foreach (var message in taken)
                {
                    SseWriter.WriteEvent(writer, "message", message.Span);
                }

                if (finished)
                {
                    return;
                }

                if (taken.Count > 0 || keepAliveDue)
                {
                    if (taken.Count == 0)
                    {
                        SseWriter.WriteKeepAlive(writer);
                    }

                    taken.Clear();
                    if ((await writer.FlushAsync(cancellationToken)).IsCompleted)
                    {
                        return;
                    }

                    // Silence is measured from the last write.
                    keepAliveTimer?.Change(keepAlive, keepAlive);
                }

                keepAliveTimer ??= timeProvider.CreateTimer(
                    static state => ((ExchangeSink)state!).KeepAliveDue(), exchange, keepAlive, keepAlive);
                await exchange.WaitAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The client left.
        }
        finally
        {
            keepAliveTimer?.Dispose();
        }
    }

    /// <summary>Waits for every response, then writes them as one JSON body: the lone answer, or an array for a batch.</summary>
    public static async Task WriteJsonAsync(HttpResponse response, ExchangeSink exchange, bool isBatch, CancellationToken cancellationToken)
    {
        var answers = new List<ReadOnlyMemory<byte>>(1);
        var taken = new List<ReadOnlyMemory<byte>>(1);
        using var leaving = cancellationToken.UnsafeRegister(static state => ((ExchangeSink)state!).Abandon(), exchange);
        while (true)
        {
            var finished = exchange.Take(ref taken, out _);
            answers.AddRange(taken);
            taken.Clear();
            if (finished)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await exchange.WaitAsync();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        if (!isBatch && answers.Count == 1)
        {
            response.ContentLength = answers[0].Length;
            await response.Body.WriteAsync(answers[0], cancellationToken);
            return;
        }

        await response.Body.WriteAsync("["u8.ToArray(), cancellationToken);
        for (var i = 0; i < answers.Count; i++)
        {
            if (i > 0)
            {
                await response.Body.WriteAsync(","u8.ToArray(), cancellationToken);
            }

            await response.Body.WriteAsync(answers[i], cancellationToken);
        }

        await response.Body.WriteAsync("]"u8.ToArray(), cancellationToken);
    }
}
