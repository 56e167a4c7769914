using System.Net;
using System.Net.Http.Headers;
using Toolshed.Core.Runtime;
using Toolshed.Remote.OAuth;

namespace Toolshed.Remote.Connections;

/// <summary>
/// Puts a remote's credentials on each request the proxy sends it: the user's headers (secrets resolved) and the
/// OAuth access token. Only to the remote's own origin. A 401 gets one refresh and one retry; what cannot be recovered
/// is said on the request (<see cref="UpstreamProblem"/>) for the proxy to tell the caller.
/// </summary>
internal sealed class RemoteCredentialsHandler(RemoteConnection connection) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } target
            || !string.Equals(target.GetLeftPart(UriPartial.Authority), connection.Url.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"Toolshed sends a remote's credentials only to its own origin, not to {request.RequestUri}.");
        }

        var session = connection.OAuth;
        var token = session is null ? null : await session.GetAccessTokenAsync(cancellationToken);
        Apply(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var challenge = BearerChallenge.From(response);
            if (session is null)
            {
                return Refused(response, connection.RefusedHeadersProblem(challenge));
            }

            if (!await session.RecoverAsync(token, challenge, cancellationToken))
            {
                return Refused(response, session.Problem());
            }

            var retry = Copy(request);
            var fresh = await session.GetAccessTokenAsync(cancellationToken);
            Apply(retry, fresh);
            response.Dispose();
            response = await base.SendAsync(retry, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await session.RefusedAsync(BearerChallenge.From(response), cancellationToken);
                return Refused(response, session.Problem());
            }
        }
        else if (response.StatusCode == HttpStatusCode.Forbidden && session is not null
                 && BearerChallenge.From(response) is { InsufficientScope: true } stepUp)
        {
            session.RequireScope(stepUp);
            return Refused(response, session.Problem());
        }

        connection.MarkAnswered(response.StatusCode);
        return response;
    }

    private void Apply(HttpRequestMessage request, string? token)
    {
        foreach (var (name, value) in connection.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private HttpResponseMessage Refused(HttpResponseMessage response, string problem)
    {
        (response.RequestMessage ?? new HttpRequestMessage()).Options.Set(UpstreamProblem.Key, problem);
        connection.Events.Add($"refused (HTTP {(int)response.StatusCode}): {problem}");
        return response;
    }

    /// <summary>The same request again (its content is a buffered JSON-RPC message, or none), for the retry.</summary>
    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }
}
