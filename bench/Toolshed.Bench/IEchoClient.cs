namespace Toolshed.Bench;

/// <summary>One MCP session (or one shared stdio connection) that can call the `echo` tool.</summary>
internal interface IEchoClient : IAsyncDisposable
{
    /// <summary>Calls echo with <paramref name="message"/>; true when the answer carries the message back.</summary>
    Task<bool> EchoAsync(string message, CancellationToken cancellationToken);
}
