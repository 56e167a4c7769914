using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.EndToEnd.Tests.Groups;

/// <summary>Counts the tools/list_changed notifications a client gets, so a test can wait for the next one.</summary>
internal sealed class ListChanges : IAsyncDisposable
{
    private readonly Channel<DateTimeOffset> _seen = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly IAsyncDisposable _registration;

    public ListChanges(McpClient client) =>
        _registration = client.RegisterNotificationHandler(
            NotificationMethods.ToolListChangedNotification, (_, _) => { _seen.Writer.TryWrite(DateTimeOffset.UtcNow); return ValueTask.CompletedTask; });

    /// <summary>Forgets what arrived so far.</summary>
    public void Clear()
    {
        while (_seen.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits for the next notification; fails the test past <paramref name="limit"/>.</summary>
    public async Task NextAsync(TimeSpan limit, string after)
    {
        try
        {
            await _seen.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No tools/list_changed within {limit.TotalSeconds:0.#} s after {after}.");
        }
    }

    public ValueTask DisposeAsync() => _registration.DisposeAsync();
}
