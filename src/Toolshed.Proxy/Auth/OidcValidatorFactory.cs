using Microsoft.Extensions.Logging;
using Toolshed.Core.Workloads;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Creates a <see cref="BearerTokenValidator"/> per protected endpoint (each workload, the daemon's API), all sharing
/// one HTTP client for discovery and JWKS fetches (documents up to 1 MiB). Registered once per daemon.
/// </summary>
public sealed class OidcValidatorFactory : IDisposable
{
    private const int MaxDocumentBytes = 1 << 20;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        MaxResponseContentBufferSize = MaxDocumentBytes,
    };

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public OidcValidatorFactory(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        // A refresh asked for by a token with an unknown key id is awaited by that token's request (so the first token
        // signed with a rotated key is accepted), rather than run in the background while the request is refused.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
        _logger = loggerFactory.CreateLogger("Toolshed.Auth");
        _timeProvider = timeProvider;
    }

    /// <summary>Key refresh limits and clock skew; tests shorten or inspect them.</summary>
    public OidcKeyRefreshPolicy Policy { get; init; } = new();

    /// <summary>A validator for <paramref name="settings"/>; throws <see cref="ArgumentException"/> when they are unusable.</summary>
    public BearerTokenValidator Create(OidcSettings settings) => new(settings, _http, _timeProvider, Policy, _logger);

    public void Dispose() => _http.Dispose();
}
