using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Toolshed.Core.Runtime;
using Toolshed.Proxy.Stdio;

namespace Toolshed.Proxy.Tests.Stdio;

/// <summary>The multiplexer's bookkeeping on its own: what adding an entry does, taking it undoes, once.</summary>
public sealed class RequestTableTests
{
    [Fact]
    public void TryTake_TakesOnce_AndForgetsTheProgressToken()
    {
        using var backend = Backend();
        var table = new RequestTable();
        var id = table.NextId();
        table.Add(id, new PendingRequest(backend, null, JsonValue.Create(7), null) { ProxyProgressToken = RequestTable.ProgressTokenFor(id) });

        Assert.True(table.TryGetByProgressToken(RequestTable.ProgressTokenFor(id), out _));
        Assert.True(table.TryTake(id, out var taken));
        Assert.Equal(7, taken.ClientId!.GetValue<int>());
        Assert.False(table.TryTake(id, out _));
        Assert.False(table.TryGetByProgressToken(RequestTable.ProgressTokenFor(id), out _));
        Assert.Equal(0, table.PendingCount);
    }

    [Fact]
    public void TakeAll_TakesOnlyTheGoneBackendsRequests_AndForgetsItsServerRequests()
    {
        using var gone = Backend();
        using var next = Backend();
        var table = new RequestTable();
        var a = table.NextId();
        var b = table.NextId();
        table.Add(a, new PendingRequest(gone, null, JsonValue.Create(1), null));
        table.Add(b, new PendingRequest(next, null, JsonValue.Create(2), null));
        var key = table.AddServerRequest(new ServerRequest(gone, JsonValue.Create("s1"), null!));

        var taken = table.TakeAll(gone);

        Assert.Single(taken);
        Assert.Equal(1, table.PendingCount);
        Assert.True(table.TryTake(b, out _));
        Assert.False(table.TryTakeServerRequest(key, out _));
    }

    [Fact]
    public void ServerRequests_FoundByTheServersId_AreTakenOnce()
    {
        using var backend = Backend();
        var table = new RequestTable();
        var key = table.AddServerRequest(new ServerRequest(backend, JsonValue.Create(42), null!));

        Assert.StartsWith("toolshed-s", key, StringComparison.Ordinal);
        Assert.True(table.TryTakeServerRequestByServerId(JsonValue.Create(42), out var found, out _));
        Assert.Equal(key, found);
        Assert.False(table.TryTakeServerRequestByServerId(JsonValue.Create(42), out _, out _));
    }

    private static BackendAttachment Backend() => new(new SilentChannel(), _ => { });

    private sealed class SilentChannel : IStdioChannel
    {
        public Stream Input { get; } = new MemoryStream();

        public PipeReader Output { get; } = new Pipe().Reader;

        public PipeReader Errors { get; } = new Pipe().Reader;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
