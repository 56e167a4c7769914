using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Toolshed.Bench;

/// <summary>
/// A minimal stdio client: newline-delimited JSON-RPC over a child process's stdin/stdout, many callers at once on the
/// one connection, answers matched by id. The stdio counterpart of <see cref="RawHttpEchoClient"/>.
/// </summary>
internal sealed class RawStdioEchoClient : IEchoClient
{
    private readonly Process _process;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _waiting = new(StringComparer.Ordinal);
    private readonly Task _reader;
    private long _nextId;

    private RawStdioEchoClient(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<IEchoClient> ConnectAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        var client = new RawStdioEchoClient(process);
        try
        {
            var answer = await client.SendAsync(
                id => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"toolshed-bench-raw\",\"version\":\"0.1.0\"}}}",
                cancellationToken);
            if (!answer.Contains("\"result\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("initialize failed: " + answer);
            }

            await client.WriteLineAsync("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async Task<bool> EchoAsync(string message, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(
            id => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + message + "\"}}}",
            cancellationToken);
        return answer.Contains(message, StringComparison.Ordinal) && !answer.Contains("\"error\"", StringComparison.Ordinal);
    }

    public async Task<int> ListToolsAsync(CancellationToken cancellationToken)
    {
        var answer = await SendAsync(id => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}", cancellationToken);
        return answer.Contains("\"result\":{\"tools\":", StringComparison.Ordinal) ? RawHttpEchoClient.CountTools(answer) : -1;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _writeLock.Dispose();
    }

    private async Task<string> SendAsync(Func<string, string> build, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        try
        {
            await WriteLineAsync(build(id), cancellationToken);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    private async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteAsync(line.AsMemory(), cancellationToken);
            await _process.StandardInput.WriteAsync("\n".AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            // Responses start {"result":...,"jsonrpc":"2.0","id":N} or similar: find the id without a JSON parser.
            var at = line.LastIndexOf("\"id\":", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var start = at + 5;
            var end = start;
            while (end < line.Length && char.IsAsciiDigit(line[end]))
            {
                end++;
            }

            if (_waiting.TryGetValue(line[start..end], out var waiter))
            {
                waiter.TrySetResult(line);
            }
        }

        foreach (var waiter in _waiting.Values)
        {
            waiter.TrySetException(new IOException("the server closed its stdout"));
        }
    }
}
