using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Toolshed.Core.Errors;
using Toolshed.Core.Remote;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// The HTTP client of one remote's OAuth traffic (metadata, registration, token requests): every URL https or
/// loopback http, every connection past the <see cref="OutboundAddressGuard"/>, no redirects, answers bounded to
/// 1 MiB and 15 seconds.
/// </summary>
internal sealed class OAuthHttp : IDisposable
{
    public const int MaxDocumentBytes = 1024 * 1024;
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public OAuthHttp(OutboundAddressGuard guard)
    {
        Guard = guard;
        Client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = guard.ConnectAsync,
        })
        {
            Timeout = RequestTimeout,
            MaxResponseContentBufferSize = MaxDocumentBytes,
        };
    }

    public HttpClient Client { get; }

    public OutboundAddressGuard Guard { get; }

    /// <summary>Checks a URL metadata named: the scheme rule, and for an address literal the private-address guard.</summary>
    public Uri Check(string? url, string what)
    {
        Uri.TryCreate(url, UriKind.Absolute, out var parsed);
        if (RemoteUrlRules.Problem(parsed) is { } problem)
        {
            throw new RemoteServerException(
                $"The {what} '{url}' cannot be used: {problem}.",
                "Toolshed talks to remotes and their authorization servers over https only (http only on loopback).");
        }

        if (IPAddress.TryParse(parsed!.IdnHost, out var address) && Guard.Problem(parsed.IdnHost, address) is not null)
        {
            throw new RemoteServerException(
                $"The {what} '{url}' that the remote's metadata names is at {OutboundAddressGuard.Classify(address)} ({address}); Toolshed does not contact such an address on a remote's word (it could be this machine's or the cloud's own service).",
                "If that host is yours, allow it: `shed run URL --oauth-allow-private-host HOST` (oauth_config.allowed_private_hosts).");
        }

        return parsed;
    }

    /// <summary>The JSON document at <paramref name="url"/>, or null when there is none (404 and other 4xx).</summary>
    public async Task<T?> GetDocumentAsync<T>(Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await Client.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RemoteServerException($"Could not read {url}: {ex.Message}", innerException: ex);
        }

        using (response)
        {
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new RemoteServerException($"{url} answered HTTP {(int)response.StatusCode}.");
            }

            try
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return JsonSerializer.Deserialize(body, type)
                    ?? throw new RemoteServerException($"{url} is not a JSON object.");
            }
            catch (JsonException ex)
            {
                throw new RemoteServerException($"{url} is not valid metadata JSON: {ex.Message}", innerException: ex);
            }
        }
    }

    public void Dispose() => Client.Dispose();
}
