using System.Net.Http.Json;
using Toolshed.Cli.Output;
using Toolshed.Server.Api;

namespace Toolshed.Cli.Mcp;

/// <summary>
/// Waits until a workload answers an MCP `initialize` through its proxy, then ends the session it opened, so that
/// `shed run` only reports a URL once an MCP client can really use it.
/// </summary>
internal static class McpReadinessProbe
{
    public const string ProtocolVersion = "2025-06-18";
    private const string SessionHeader = "Mcp-Session-Id";
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>True once `initialize` succeeded; false when <paramref name="timeout"/> passed without success.</summary>
    public static async Task<bool> WaitAsync(HttpClient http, Uri mcpUrl, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (await TryInitializeAsync(http, mcpUrl, deadline.Token))
                {
                    return true;
                }

                await Task.Delay(s_retryDelay, time, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> TryInitializeAsync(HttpClient http, Uri mcpUrl, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(s_attemptTimeout);
        var body = new McpInitializeRequest("2.0", 1, "initialize", new McpInitializeParams(
            ProtocolVersion, new Dictionary<string, string>(), new McpClientInfo("shed", SystemEndpoints.ProductVersion)));
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = JsonContent.Create(body, CliJsonContext.Default.McpInitializeRequest),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            if (response.Headers.TryGetValues(SessionHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } session)
            {
                await EndSessionAsync(http, mcpUrl, session, cancellationToken);
            }

            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task EndSessionAsync(HttpClient http, Uri mcpUrl, string session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, mcpUrl);
        request.Headers.TryAddWithoutValidation(SessionHeader, session);
        try
        {
            using var _ = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The session times out on its own; failing to end it early does not make the workload unusable.
        }
    }
}
