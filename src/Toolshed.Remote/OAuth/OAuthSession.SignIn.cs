using System.Net;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Http;
using Toolshed.Core.Errors;

namespace Toolshed.Remote.OAuth;

/// <summary>The browser sign-in of an <see cref="OAuthSession"/>: client, PKCE pair, state and loopback listener.</summary>
internal sealed partial class OAuthSession
{
    /// <summary>One browser sign-in in flight: its client, PKCE pair, state and loopback listener.</summary>
    private sealed class SignIn(OAuthSession session, OAuthEndpoints endpoints, Pkce pkce, DateTimeOffset expiresAt) : IDisposable
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _timeout = new(SignInTimeout);
        private LoopbackCallback? _callback;
        private string _clientId = "";
        private string? _clientSecret;
        private int _finished;

        public PendingSignIn Pending { get; private set; } = null!;

        public async Task StartAsync(LoopbackCallback callback, CancellationToken cancellationToken)
        {
            _callback = callback;
            (_clientId, _clientSecret) = await OAuthClientRegistration.ChooseAsync(
                session._http, endpoints, session._settings, session._grant, callback.RedirectUri, session._workload, session._store, cancellationToken);
            var parameters = new Parameters { { "resource", endpoints.Resource } };
            var url = new RequestUrl(endpoints.AuthorizationEndpoint.ToString()).CreateAuthorizeUrl(
                clientId: _clientId,
                responseType: "code",
                scope: endpoints.Scope,
                redirectUri: callback.RedirectUri,
                state: pkce.State,
                codeChallenge: pkce.Challenge,
                codeChallengeMethod: "S256",
                extra: parameters);
            Pending = new PendingSignIn(new Uri(url), callback.RedirectUri, expiresAt, _done.Task);
            _timeout.Token.Register(() => _ = FinishAsync(new TimeoutException("The sign-in was not completed within 10 minutes.")));
        }

        public Task CancelAsync() => FinishAsync(new OperationCanceledException("Another sign-in replaced this one."));

        public async Task HandleCallbackAsync(HttpContext context)
        {
            if (context.Request.Path != LoopbackCallback.Path || !HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var query = context.Request.Query;
            if (query["state"] != pkce.State)
            {
                await PageAsync(context, StatusCodes.Status400BadRequest, "This sign-in link is not the one Toolshed is waiting for (its state does not match). Start again with shed auth login.");
                return;
            }

            if (query["error"].ToString() is { Length: > 0 } error)
            {
                var description = query["error_description"].ToString();
                await PageAsync(context, StatusCodes.Status400BadRequest, $"The authorization server did not grant access: {error} {description}");
                await FinishAsync(new RemoteServerException($"The authorization server did not grant access: {error}{(description.Length > 0 ? ": " + description : "")}."));
                return;
            }

            try
            {
                await ExchangeAsync(query["code"].ToString(), context.RequestAborted);
                await PageAsync(context, StatusCodes.Status200OK, $"Signed in: Toolshed can reach the remote MCP server of {session._workload}. You can close this tab.");
                await FinishAsync(null);
            }
            catch (ToolshedException ex)
            {
                await PageAsync(context, StatusCodes.Status502BadGateway, ex.Message);
                await FinishAsync(ex);
            }
        }

        private async Task ExchangeAsync(string code, CancellationToken cancellationToken)
        {
            var method = TokenEndpointAuth.Choose(endpoints.TokenEndpointAuthMethods, _clientSecret is not null);
            using var response = await session._http.Client.RequestAuthorizationCodeTokenAsync(
                new AuthorizationCodeTokenRequest
                {
                    Address = endpoints.TokenEndpoint.ToString(),
                    ClientId = _clientId,
                    ClientSecret = _clientSecret,
                    ClientCredentialStyle = TokenEndpointAuth.StyleOf(method),
                    Code = code,
                    RedirectUri = _callback!.RedirectUri,
                    CodeVerifier = pkce.Verifier,
                    Resource = { endpoints.Resource },
                },
                cancellationToken);
            if (response.IsError || response.AccessToken is null)
            {
                throw new RemoteServerException(
                    $"The token endpoint refused the sign-in's code: {Said(response.Error ?? "")}{(response.ErrorDescription is { } d ? ": " + Said(d) : "")}.");
            }

            var grant = new OAuthGrant
            {
                Remote = session._remote.ToString(),
                Issuer = endpoints.Issuer,
                TokenEndpoint = endpoints.TokenEndpoint.ToString(),
                ClientId = _clientId,
                ClientSecret = session._settings?.ClientId == _clientId ? null : _clientSecret,
                TokenEndpointAuthMethod = method,
                RedirectUri = _callback.RedirectUri,
            };
            await session._refreshLock.WaitAsync(cancellationToken);
            try
            {
                session._grant = session.WithTokens(grant, response) with { Scope = response.Scope ?? endpoints.Scope };
                await session._store.SaveAsync(session._workload, session._grant, CancellationToken.None);
                session.State = SignInState.SignedIn;
                session.Reason = null;
                session._extraScope = null;
            }
            finally
            {
                session._refreshLock.Release();
            }

            session._events.Add($"signed in at {endpoints.Issuer} (scope {session._grant.Scope ?? "none named"}, expires {session._grant.ExpiresAt:u})");
            session.LogSignedIn(session._workload, endpoints.Issuer);
        }

        private async Task FinishAsync(Exception? failure)
        {
            if (Interlocked.Exchange(ref _finished, 1) != 0)
            {
                return;
            }

            if (failure is null)
            {
                _done.TrySetResult();
                if (session.SignedIn is { } signedIn)
                {
                    // Not on the browser's request: reconnecting the workload takes its lock and may take a while.
                    _ = Task.Run(() => signedIn(session._workload));
                }
            }
            else
            {
                session._events.Add($"sign-in ended without a token: {failure.Message}");
                _done.TrySetException(failure);
            }

            // The browser's page is on its way; the listener goes once it is sent.
            _ = Task.Delay(TimeSpan.FromMilliseconds(200)).ContinueWith(_ => _callback?.DisposeAsync().AsTask(), TaskScheduler.Default);
            Dispose();
        }

        public void Dispose() => _timeout.Dispose();

        private static async Task PageAsync(HttpContext context, int status, string message)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            var text = WebUtility.HtmlEncode(message);
            await context.Response.WriteAsync(
                $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Toolshed sign-in</title></head><body><p>{text}</p></body></html>",
                context.RequestAborted);
        }
    }
}
