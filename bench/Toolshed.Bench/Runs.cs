using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Toolshed.Bench;

/// <summary>The driver's modes: throughput over HTTP or stdio, and a single call per URL.</summary>
internal static class Runs
{
    private static readonly McpClientOptions s_clientOptions = new()
    {
        ClientInfo = new Implementation { Name = "toolshed-bench", Version = "0.1.0" },
        InitializationTimeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<int> ThroughputAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"# {options.Target}: sessions {string.Join(',', options.Sessions)}, warm-up {options.WarmUp.TotalSeconds} s, measured {options.Duration.TotalSeconds} s");
        McpClient? shared = null;
        try
        {
            if (options.Mode == "stdio")
            {
                // One connection: N "sessions" are N concurrent callers on it.
                shared = await ConnectStdioAsync(options.Command, cancellationToken);
            }

            foreach (var sessions in options.Sessions)
            {
                var clients = new List<McpClient>();
                try
                {
                    if (shared is not null)
                    {
                        clients.Add(shared);
                    }
                    else
                    {
                        var connecting = Enumerable.Range(0, sessions).Select(_ => ConnectHttpAsync(options.Url!, cancellationToken));
                        clients.AddRange(await Task.WhenAll(connecting));
                    }

                    var result = await ClosedLoop.RunAsync(clients, sessions, options.WarmUp, options.Duration, cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{options.Target,-14} sessions {sessions,3}: {result.CallsPerSecond,8:F0} calls/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  errors {result.Errors}"));
                    if (options.Output is { } file)
                    {
                        await File.AppendAllTextAsync(file, result.ToTsv(options.Target) + "\n", cancellationToken);
                    }
                }
                finally
                {
                    if (shared is null)
                    {
                        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
                    }
                }
            }

            return 0;
        }
        finally
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
        }
    }

    public static async Task<int> TouchAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var url in options.Urls)
        {
            var clock = Stopwatch.StartNew();
            await using var client = await ConnectHttpAsync(url, cancellationToken);
            var result = await client.CallToolAsync(
                "echo", new Dictionary<string, object?> { ["message"] = "touch" }, cancellationToken: cancellationToken);
            var ok = result.IsError != true && result.Content is [TextContentBlock, ..];
            failed += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{url}: {(ok ? "answered" : "FAILED")} in {clock.ElapsedMilliseconds} ms"));
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<McpClient> ConnectHttpAsync(Uri url, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp },
            new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) },
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, s_clientOptions, loggerFactory: null, cancellationToken);
    }

    private static async Task<McpClient> ConnectStdioAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            throw new ArgumentException("stdio needs a command after --.");
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "direct-stdio",
            Command = command[0],
            Arguments = [.. command.Skip(1)],
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        return await McpClient.CreateAsync(transport, s_clientOptions, loggerFactory: null, cancellationToken);
    }
}
