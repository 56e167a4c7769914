namespace Toolshed.Bench;

/// <summary>One MCP session (or one shared stdio connection) that can call the `echo` tool and list the tools.</summary>
internal interface IEchoClient : IAsyncDisposable
{
    /// <summary>Calls echo with <paramref name="message"/>; true when the answer carries the message back.</summary>
    Task<bool> EchoAsync(string message, CancellationToken cancellationToken);

    /// <summary>Sends tools/list (one page); the number of tools listed, or -1 when the answer is an error.</summary>
    Task<int> ListToolsAsync(CancellationToken cancellationToken);
}
