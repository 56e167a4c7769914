using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Upstream;

/// <summary>
/// An MCP client connection to an HTTP server, shaped like a process's stdio so the multiplexing
/// <see cref="Stdio.StdioMultiplexer"/> can serve it on the transport the server does not speak: each line written to
/// <see cref="Input"/> is one JSON-RPC message sent upstream, each message from upstream arrives as one line on
/// <see cref="Output"/>, and Output completes when the upstream is gone (a restarted server gets a fresh channel).
/// </summary>
internal abstract class HttpUpstreamChannel : IStdioChannel
{
    private const int CopyChunkBytes = 64 * 1024;

    // The bridge reads whole lines; a line longer than a pause threshold would never be consumed, so never pause.
    private static readonly PipeOptions s_outputOptions = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);

    private readonly Pipe _output = new(s_outputOptions);
    private readonly SemaphoreSlim _outputLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private int _active;
    private bool _ending;
    private bool _outputDone;
    private int _disposed;
    private volatile bool _connected;

    protected HttpUpstreamChannel(HttpClient http, Uri endpoint, string workloadName, ILogger logger)
    {
        Http = http;
        Endpoint = endpoint;
        WorkloadName = workloadName;
        Logger = logger;
        Input = new UpstreamInputStream(message => SendAsync(message, _stopping.Token), () => Volatile.Read(ref _ending));
        var errors = new Pipe();
        errors.Writer.Complete();
        Errors = errors.Reader;
    }

    /// <summary>A channel to the upstream MCP endpoint of a <paramref name="transport"/> server.</summary>
    public static HttpUpstreamChannel Create(McpTransport transport, HttpClient http, Uri endpoint, string workloadName, ILogger logger) =>
        transport switch
        {
            McpTransport.StreamableHttp => new StreamableHttpUpstreamChannel(http, endpoint, workloadName, logger),
            McpTransport.Sse => new LegacySseUpstreamChannel(http, endpoint, workloadName, logger),
            _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "Only HTTP transports have an upstream channel."),
        };

    public Stream Input { get; }

    public PipeReader Output => _output.Reader;

    /// <summary>Always empty: an HTTP server's logs are the container's, not the connection's.</summary>
    public PipeReader Errors { get; }

    /// <summary>Completes when the upstream is gone or the channel is disposed.</summary>
    public Task Completion => _ended.Task;

    /// <summary>Whether the upstream ever answered on this channel; a supervisor resets its back-off after such a one.</summary>
    public bool Connected => _connected;

    protected HttpClient Http { get; }

    protected Uri Endpoint { get; }

    protected string WorkloadName { get; }

    protected ILogger Logger { get; }

    /// <summary>Sends one JSON-RPC message (without its newline) upstream; throws <see cref="IOException"/> when it cannot.</summary>
    protected abstract ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Said goodbye to the upstream before the channel stops (e.g. ends the session); errors are ignored.</summary>
    protected virtual Task OnClosingAsync() => Task.CompletedTask;

    protected void MarkConnected() => _connected = true;

    /// <summary>
    /// Runs <paramref name="work"/> in the background, tracked: disposal waits for it. Transport failures end the
    /// channel. Returns false once the channel is ending.
    /// </summary>
    protected bool TryStart(Func<CancellationToken, Task> work)
    {
        lock (_gate)
        {
            if (_ending)
            {
                return false;
            }

            _active++;
        }

        // Not fire-and-forget: the count above makes DisposeAsync wait for it, and RunTrackedAsync never throws.
        _ = RunTrackedAsync(work);
        return true;
    }

    /// <summary>Writes one upstream message to <see cref="Output"/> as a single line.</summary>
    protected async ValueTask WriteMessageAsync(ReadOnlySequence<byte> json)
    {
        await _outputLock.WaitAsync(CancellationToken.None);
        try
        {
            if (_outputDone)
            {
                return;
            }

            var writer = _output.Writer;
            foreach (var segment in json)
            {
                var source = segment.Span;
                while (!source.IsEmpty)
                {
                    var target = writer.GetSpan(Math.Min(source.Length, CopyChunkBytes));
                    var count = Math.Min(source.Length, target.Length);
                    source[..count].CopyTo(target);

                    // Raw newlines in JSON can only be whitespace (inside strings they are escaped), so they go.
                    target[..count].Replace((byte)'\n', (byte)' ');
                    target[..count].Replace((byte)'\r', (byte)' ');
                    writer.Advance(count);
                    source = source[count..];
                }
            }

            writer.GetSpan(1)[0] = (byte)'\n';
            writer.Advance(1);
            await writer.FlushAsync(CancellationToken.None);
        }
        finally
        {
            _outputLock.Release();
        }
    }

    protected ValueTask WriteMessageAsync(ReadOnlyMemory<byte> json) => WriteMessageAsync(new ReadOnlySequence<byte>(json));

    /// <summary>Answers the request <paramref name="idJson"/> with a JSON-RPC error, so its asker does not wait forever.</summary>
    protected ValueTask WriteErrorAsync(string idJson, string message) =>
        WriteMessageAsync(JsonRpc.ToUtf8(JsonRpc.Error(JsonNode.Parse(idJson), McpProtocol.ServerGone, message)));

    /// <summary>
    /// Answers the request <paramref name="idJson"/> that the server refused at the HTTP level: with what a handler on
    /// the way said about it (a remote that needs sign-in), else the status, which also goes in the error's
    /// <c>data.httpStatus</c> (so the proxy's own initialize can tell a refusal from a lost connection).
    /// </summary>
    protected ValueTask WriteRefusalAsync(string idJson, HttpResponseMessage response)
    {
        var error = JsonRpc.Error(
            JsonNode.Parse(idJson), McpProtocol.ServerGone,
            UpstreamProblem.Of(response.RequestMessage) ?? $"The MCP server answered HTTP {(int)response.StatusCode}.");
        error["error"]!["data"] = new JsonObject { [McpProtocol.RefusedStatusKey] = (int)response.StatusCode };
        return WriteMessageAsync(JsonRpc.ToUtf8(error));
    }

    /// <summary>Marks the upstream gone: in-flight HTTP exchanges stop and <see cref="Output"/> completes.</summary>
    protected async Task EndAsync()
    {
        lock (_gate)
        {
            if (_ending)
            {
                return;
            }

            _ending = true;
            if (_active == 0)
            {
                _idle.TrySetResult();
            }
        }

        await _stopping.CancelAsync();
        await _outputLock.WaitAsync(CancellationToken.None);
        try
        {
            _outputDone = true;
            await _output.Writer.CompleteAsync();
        }
        finally
        {
            _outputLock.Release();
        }

        _ended.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!Volatile.Read(ref _ending))
        {
            try
            {
                await OnClosingAsync();
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
            }
        }

        await EndAsync();
        await _idle.Task;
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RunTrackedAsync(Func<CancellationToken, Task> work)
    {
        try
        {
            await work(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            UpstreamLog.UpstreamLost(Logger, WorkloadName, ex.Message);
            await EndAsync();
        }
        catch (Exception ex)
        {
            UpstreamLog.ChannelFailed(Logger, WorkloadName, ex);
            await EndAsync();
        }
        finally
        {
            lock (_gate)
            {
                if (--_active == 0 && _ending)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }
}
