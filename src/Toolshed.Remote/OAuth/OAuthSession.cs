using System.Net;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Remote;
using Toolshed.Remote.Connections;

namespace Toolshed.Remote.OAuth;

/// <summary>
/// One remote workload's OAuth client: holds its grant (from the secret store), hands out the access token, refreshes
/// it before it expires and after a 401 (one refresh at a time, with the <c>resource</c> parameter), and runs the
/// browser sign-in (discovery, registration, PKCE, loopback redirect). A refresh the server refuses, or a remote that
/// asks for more scope, leaves it "needs sign-in" with the reason, which callers are told.
/// </summary>
internal sealed partial class OAuthSession : IAsyncDisposable
{
    public static readonly TimeSpan SignInTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_refreshMargin = TimeSpan.FromSeconds(60);

    private readonly string _workload;
    private readonly Uri _remote;
    private readonly RemoteOAuthSettings? _settings;
    private readonly OAuthGrantStore _store;
    private readonly TimeProvider _time;
    private readonly RemoteEventLog _events;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly OAuthHttp _http;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly Lock _gate = new();
    private OAuthGrant? _grant;
    private bool _loaded;
    private BearerChallenge? _lastChallenge;
    private string? _extraScope;
    private SignIn? _pending;

    public OAuthSession(
        string workload, Uri remote, RemoteOAuthSettings? settings, OAuthGrantStore store, TimeProvider time,
        RemoteEventLog events, ILoggerFactory loggerFactory, bool guardOwnAddress = false)
    {
        _workload = workload;
        _remote = remote;
        _settings = settings;
        _store = store;
        _time = time;
        _events = events;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<OAuthSession>();
        // The remote's own host is exempt from the guard only when the user gave its URL themselves.
        _http = new OAuthHttp(new OutboundAddressGuard(
            guardOwnAddress ? settings?.AllowedPrivateHosts ?? [] : [remote.IdnHost, .. settings?.AllowedPrivateHosts ?? []]));
    }

    public SignInState State { get; private set; } = SignInState.NotRequired;

    /// <summary>Why the remote needs sign-in, in a sentence a user can act on; null otherwise.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset? ExpiresAt => _grant?.ExpiresAt;

    public string? Scope => _grant?.Scope;

    public string? Issuer => _grant?.Issuer;

    /// <summary>Called after a sign-in completed (the daemon reconnects the workload with its new token).</summary>
    public Func<string, Task>? SignedIn { get; set; }

    /// <summary>Reads the stored grant once.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        _grant = await _store.LoadAsync(_workload, cancellationToken);
        if (_grant is not null && !string.Equals(_grant.Remote, _remote.ToString(), StringComparison.Ordinal))
        {
            _grant = null; // Issued for another URL under this name: never sent to this one.
        }

        _loaded = true;
        State = _grant is { AccessToken: not null } or { RefreshToken: not null } ? SignInState.SignedIn : SignInState.NotRequired;
    }

    /// <summary>The token to send, refreshed first when it expires within the margin; null when there is none.</summary>
    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var grant = _grant;
        if (grant?.AccessToken is null && grant?.RefreshToken is null)
        {
            return null;
        }

        if (grant.AccessToken is null || ExpiresSoon(grant))
        {
            return grant.RefreshToken is null ? grant.AccessToken : await RefreshAsync(grant.AccessToken, cancellationToken) ?? grant.AccessToken;
        }

        return grant.AccessToken;
    }

    /// <summary>After a 401: a fresh token when one can be had (true: send again), else "needs sign-in" (false).</summary>
    public async Task<bool> RecoverAsync(string? usedToken, BearerChallenge? challenge, CancellationToken cancellationToken)
    {
        _lastChallenge = challenge ?? _lastChallenge;
        if (usedToken is not null && _grant?.RefreshToken is not null && await RefreshAsync(usedToken, cancellationToken) is not null)
        {
            return true;
        }

        if (usedToken is null)
        {
            if (State != SignInState.NeedsSignIn)
            {
                NeedsSignIn("it asks for authorization and Toolshed holds no token for it");
            }
        }
        else if (State != SignInState.NeedsSignIn)
        {
            NeedsSignIn($"it refused Toolshed's token{Described(challenge)}");
        }

        return false;
    }

    /// <summary>
    /// After a second 401 for a fresh token: the remote will not take what this grant gives. Its tokens are dropped,
    /// so later requests are not each another refresh the authorization server answers in vain.
    /// </summary>
    public async Task RefusedAsync(BearerChallenge? challenge, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            if (_grant is { } grant)
            {
                _grant = grant with { AccessToken = null, RefreshToken = null, ExpiresAt = null };
                await _store.SaveAsync(_workload, _grant, CancellationToken.None);
            }
        }
        finally
        {
            _refreshLock.Release();
        }

        NeedsSignIn(
            $"it refused a token just issued for it{Described(challenge)}; if signing in again does not help, its authorization " +
            $"server{(Issuer is { } issuer ? " " + issuer : "")} issues tokens it does not accept (check the audience it gives tokens for {RemoteUrlRules.CanonicalResource(_remote)})");
    }

    /// <summary>After a 403 insufficient_scope: the next sign-in asks for the scopes named too (step-up).</summary>
    public void RequireScope(BearerChallenge challenge)
    {
        _lastChallenge = challenge;
        var scopes = (challenge.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _extraScope = string.Join(' ', scopes.Union((_extraScope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        NeedsSignIn($"it needs more scope ({(scopes.Length == 0 ? "unnamed" : string.Join(' ', scopes))}) than Toolshed was granted");
    }

    /// <summary>The sentence a caller of a refused request gets.</summary>
    public string Problem() =>
        $"The remote MCP server of workload {_workload} needs sign-in: {Reason ?? "it asks for authorization"}. Sign in with `shed auth login {_workload}`.";

    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        await CancelPendingAsync();
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            _grant = null;
            _loaded = true;
            await _store.DeleteAsync(_workload, cancellationToken);
            NeedsSignIn("you signed out");
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>
    /// Starts a browser sign-in: discovers the authorization server, registers the client when needed, and listens on
    /// the loopback redirect. The returned sign-in completes when the browser came back and the code was exchanged.
    /// </summary>
    public async Task<PendingSignIn> BeginSignInAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await CancelPendingAsync();
        var endpoints = await OAuthDiscovery.DiscoverAsync(_http, _remote, _lastChallenge, _settings, cancellationToken);
        if (_extraScope is { Length: > 0 } extra)
        {
            endpoints = endpoints with
            {
                Scope = string.Join(' ', (endpoints.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Union(extra.Split(' '))),
            };
        }

        var signIn = new SignIn(this, endpoints, Pkce.Create(), _time.GetUtcNow() + SignInTimeout);
        var remembered = _grant?.Issuer == endpoints.Issuer && Uri.TryCreate(_grant.RedirectUri, UriKind.Absolute, out var earlier) ? earlier.Port : 0;
        var port = _settings?.CallbackPort is > 0 and var chosen ? chosen : remembered;
        var callback = await LoopbackCallback.TryStartAsync(port, signIn.HandleCallbackAsync, _loggerFactory, cancellationToken);
        if (callback is null && _settings?.CallbackPort is > 0)
        {
            throw new ConflictException(
                $"The sign-in's callback port {port} is taken.", "Free it, or choose another callback port for the workload.");
        }

        callback ??= await LoopbackCallback.TryStartAsync(0, signIn.HandleCallbackAsync, _loggerFactory, cancellationToken);
        try
        {
            await signIn.StartAsync(callback!, cancellationToken);
        }
        catch
        {
            signIn.Dispose();
            await callback!.DisposeAsync();
            throw;
        }

        lock (_gate)
        {
            _pending = signIn;
        }

        _events.Add($"sign-in started at {endpoints.Issuer} (redirect {callback!.RedirectUri}, scope {endpoints.Scope ?? "none named"})");
        return signIn.Pending;
    }

    public async ValueTask DisposeAsync()
    {
        await CancelPendingAsync();
        _http.Dispose();
        _refreshLock.Dispose();
    }

    private async Task CancelPendingAsync()
    {
        SignIn? pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = null;
        }

        if (pending is not null)
        {
            await pending.CancelAsync();
        }
    }

    private bool ExpiresSoon(OAuthGrant grant)
    {
        if (grant.ExpiresAt is not { } expires)
        {
            return false;
        }

        var lifetime = grant.IssuedAt is { } issued ? expires - issued : s_refreshMargin * 4;
        var margin = TimeSpan.FromTicks(Math.Min(s_refreshMargin.Ticks, lifetime.Ticks / 4));
        return _time.GetUtcNow() >= expires - margin;
    }

    /// <summary>Refreshes unless another caller already replaced <paramref name="staleToken"/>; the new access token, or
    /// null when it could not be had.</summary>
    private async Task<string?> RefreshAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var grant = _grant;
            if (grant is null)
            {
                return null;
            }

            if (grant.AccessToken is not null && grant.AccessToken != staleToken && !ExpiresSoon(grant))
            {
                return grant.AccessToken;
            }

            if (grant.RefreshToken is null)
            {
                return null;
            }

            var clientSecret = await ClientSecretAsync(grant, cancellationToken);
            using var response = await _http.Client.RequestRefreshTokenAsync(
                new RefreshTokenRequest
                {
                    Address = grant.TokenEndpoint,
                    ClientId = grant.ClientId,
                    ClientSecret = clientSecret,
                    ClientCredentialStyle = TokenEndpointAuth.StyleOf(grant.TokenEndpointAuthMethod),
                    RefreshToken = grant.RefreshToken,
                    Resource = { RemoteUrlRules.CanonicalResource(_remote) },
                },
                cancellationToken);
            if (response.IsError)
            {
                if (response.ErrorType == ResponseErrorType.Protocol)
                {
                    _grant = grant with { AccessToken = null, RefreshToken = null, ExpiresAt = null };
                    await _store.SaveAsync(_workload, _grant, CancellationToken.None);
                    NeedsSignIn($"refreshing its token was refused ({Said(response.Error ?? "")}{(response.ErrorDescription is { } d ? ": " + Said(d) : "")})");
                }
                else
                {
                    _events.Add($"token refresh failed, will retry: {Said(response.Error ?? "")}");
                }

                return null;
            }

            _grant = WithTokens(grant, response);
            await _store.SaveAsync(_workload, _grant, CancellationToken.None);
            State = SignInState.SignedIn;
            Reason = null;
            _events.Add($"token refreshed (expires {_grant.ExpiresAt:u})");
            LogRefreshed(_workload);
            return _grant.AccessToken;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private OAuthGrant WithTokens(OAuthGrant grant, TokenResponse response)
    {
        var now = _time.GetUtcNow();
        return grant with
        {
            AccessToken = response.AccessToken,
            RefreshToken = response.RefreshToken ?? grant.RefreshToken,
            Scope = response.Scope ?? grant.Scope,
            IssuedAt = now,
            ExpiresAt = response.ExpiresIn > 0 ? now.AddSeconds(response.ExpiresIn) : null,
        };
    }

    private async Task<string?> ClientSecretAsync(OAuthGrant grant, CancellationToken cancellationToken) =>
        grant.ClientSecret ?? (_settings is { ClientSecretName: { } name } && _settings.ClientId == grant.ClientId
            ? await _store.GetSecretAsync(name, cancellationToken)
                ?? throw new InvalidInputException($"The secret '{name}' holding the OAuth client secret does not exist. Create it with `shed secret set {name}`.", "oauth_config")
            : null);

    private void NeedsSignIn(string reason)
    {
        State = SignInState.NeedsSignIn;
        Reason = reason;
        _events.Add($"needs sign-in: {reason}");
        LogNeedsSignIn(_workload, reason);
    }

    private static string Described(BearerChallenge? challenge) =>
        challenge?.Error is { } error ? $" ({Said(error)}{(challenge.ErrorDescription is { } d ? ": " + Said(d) : "")})" : "";

    /// <summary>Text a remote or its authorization server chose, as Toolshed repeats it: one line of at most 300 characters.</summary>
    internal static string Said(string text) =>
        new([.. text.Take(300).Select(c => char.IsControl(c) ? ' ' : c)]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the OAuth token of remote workload {WorkloadName}")]
    private partial void LogRefreshed(string workloadName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remote workload {WorkloadName} needs sign-in: {Reason}")]
    private partial void LogNeedsSignIn(string workloadName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in to the remote of workload {WorkloadName} at {Issuer}")]
    private partial void LogSignedIn(string workloadName, string issuer);
}
