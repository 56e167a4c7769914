namespace Toolshed.Proxy.Tests.Support;

/// <summary>A legacy SSE stream opened by hand, with the endpoint it announced.</summary>
internal sealed class SseStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public string Endpoint { get; private set; } = "";

    public static async Task<SseStream> OpenAsync(HttpClient http)
    {
        var response = await http.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
        stream.Endpoint = await stream.NextDataAsync(_ => true).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return stream;
    }

    /// <summary>The data of the next event that <paramref name="matches"/>.</summary>
    public async Task<string> NextDataAsync(Func<string, bool> matches)
    {
        while (await _reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && matches(line["data: ".Length..]))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The SSE stream ended.");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
