using Microsoft.Extensions.Logging;
using Toolshed.Core.Workloads;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Creates a <see cref="BearerTokenValidator"/> per protected endpoint (each workload, the daemon's API), all sharing
/// one HTTP client for discovery and JWKS fetches. Registered once per daemon.
/// </summary>
public sealed class OidcValidatorFactory(ILoggerFactory loggerFactory, TimeProvider timeProvider) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) });
    private readonly ILogger _logger = loggerFactory.CreateLogger("Toolshed.Auth");

    /// <summary>Key refresh limits and clock skew; tests shorten or inspect them.</summary>
    public OidcKeyRefreshPolicy Policy { get; init; } = new();

    /// <summary>A validator for <paramref name="settings"/>; throws <see cref="ArgumentException"/> when they are unusable.</summary>
    public BearerTokenValidator Create(OidcSettings settings) => new(settings, _http, timeProvider, Policy, _logger);

    public void Dispose() => _http.Dispose();
}
