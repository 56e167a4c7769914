using System.Net;
using Toolshed.Core.Workloads;
using Toolshed.Remote.OAuth;

namespace Toolshed.Remote.Connections;

/// <summary>
/// One remote workload as Toolshed holds it between its launch and its removal: the URL, the resolved headers (values in
/// memory only), its OAuth session and its event log. It is the remote runtime's "instance": launched, it hands the
/// proxy clients that carry its credentials.
/// </summary>
internal sealed class RemoteConnection
{
    public required string Workload { get; init; }

    public required Uri Url { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required RemoteEventLog Events { get; init; }

    /// <summary>Header names and resolved values; never logged, never shown.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Null when the user's own headers carry the credentials (an Authorization header was given).</summary>
    public OAuthSession? OAuth { get; init; }

    /// <summary>When set, every connection to the remote goes through it (the remote's own address is guarded).</summary>
    public OutboundAddressGuard? Guard { get; init; }

    public McpTransport Transport { get; set; } = McpTransport.StreamableHttp;

    public bool TransportDetected { get; set; }

    /// <summary>Whether the transport was given or detected (false: assumed until the remote lets itself be probed).</summary>
    public bool TransportKnown { get; set; }

    public int LastStatus { get; private set; }

    public void MarkAnswered(HttpStatusCode status) => LastStatus = (int)status;

    /// <summary>What a caller is told when the remote refused the credentials in the user's own headers.</summary>
    public string RefusedHeadersProblem(BearerChallenge? challenge) =>
        $"The remote MCP server of workload {Workload} refused the credentials in its headers{(challenge?.Error is { } e ? $" ({e})" : "")}. Check the secret they reference (`shed secret set NAME`), then `shed restart {Workload}`.";

    /// <summary>A client for the proxy's channels to the remote: no redirects, no cookies, no proxy, the credentials
    /// handler in front; requests are bounded by the channels' own cancellation.</summary>
    public HttpClient CreateClient() => new(
        new RemoteCredentialsHandler(this)
        {
            InnerHandler = new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ActivityHeadersPropagator = null,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                ConnectCallback = Guard is { } guard ? guard.ConnectAsync : null,
            },
        })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
