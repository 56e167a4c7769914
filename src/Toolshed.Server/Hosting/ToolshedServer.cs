using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Proxy.Auth;
using Toolshed.Server.Api;
using Toolshed.Server.Api.Auth;
using Toolshed.Server.Api.Guards;
using Toolshed.Server.Clients;
using Toolshed.Server.Groups;
using Toolshed.Server.Images;
using Toolshed.Server.Packages;
using Toolshed.Server.Registry;
using Toolshed.Server.Telemetry;
using Toolshed.Server.Ui;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Hosting;

/// <summary>Builds the daemon: one process with the REST API, every workload's proxy and the reconciler.</summary>
public static class ToolshedServer
{
    /// <summary>The largest REST request body accepted (413 beyond).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(ToolshedServerOptions options, ToolshedPaths paths, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        if (options.Oidc is not null && OidcSettingsRules.Check(options.Oidc) is { } oidcProblem)
        {
            throw new ArgumentException(oidcProblem, nameof(options));
        }

        if (options.AllowedHosts.FirstOrDefault(h => !Proxy.Transports.HostPolicy.IsValidEntry(h)) is { } badHost)
        {
            throw new ArgumentException($"'{badHost}' is not a host name to allow.", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("The request timeout must be positive.", nameof(options));
        }

        if (TelemetrySettingsRules.Check(options.Telemetry) is { } telemetryProblem)
        {
            throw new ArgumentException(telemetryProblem, nameof(options));
        }

        // First of all: one daemon per state root. Nothing below may touch the state before this holds.
        var daemonLock = DaemonLock.Acquire(paths);
        try
        {
            return Build(options, paths, daemonLock, configure);
        }
        catch
        {
            daemonLock.Dispose();
            throw;
        }
    }

    private static WebApplication Build(ToolshedServerOptions options, ToolshedPaths paths, DaemonLock daemonLock, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // A failed bind is reported by `shed serve` in one sentence; the host would add a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(ParseAddress(options.Host), options.Port);
        });

        var tokenFileTightened = false;
        var boundToLoopback = IPAddress.IsLoopback(ParseAddress(options.Host));
        // Owned by the container, so disposing the app releases the lock (and removes daemon.json).
        builder.Services.AddSingleton(_ => daemonLock);
        builder.Services.AddHostedService<DaemonInfoPublisher>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(new BrowserGuardOptions(boundToLoopback, options.AllowedHosts));
        builder.Services.AddSingleton(new Toolshed.Runtime.Docker.Egress.EgressOptions { OutboundNetwork = options.EgressNetwork, SubnetPool = options.EgressSubnetPool });
        builder.Services.AddSingleton(new Workloads.Proxies.ProxyDefaults { AllowedHosts = options.AllowedHosts, RequestTimeout = options.RequestTimeout });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddToolshedTelemetry(options.Telemetry, paths);
        builder.Services.AddToolshedApi();
        builder.Services.AddSingleton(new RegistryRefreshOptions { Interval = options.RegistryRefreshInterval });
        builder.Services.AddToolshedRegistry();
        builder.Services.AddSingleton(options.PackageImages);
        builder.Services.AddToolshedPackages(options.PackageSources);
        builder.Services.AddWorkloads();
        builder.Services.AddGroups();
        builder.Services.AddToolshedImages();
        builder.Services.AddToolshedClients();
        builder.Services.AddToolshedUi();
        if (options.Oidc is { } oidc)
        {
            builder.Services.AddSingleton(provider => new ApiAuthentication(provider.GetRequiredService<OidcValidatorFactory>().Create(oidc)));
        }
        else
        {
            builder.Services.AddSingleton(new ApiToken(ApiTokenFile.LoadOrCreate(paths.ApiTokenPath, out tokenFileTightened), paths.ApiTokenPath));
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        // Resolved now, so the container owns the lock from here on and disposes it with the app.
        _ = app.Services.GetRequiredService<DaemonLock>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Toolshed.Server");
        if (options.Telemetry.OtlpHeadersSecret is { } headersSecret)
        {
            app.Services.GetRequiredService<OtlpHeaders>().Value = ReadOtlpHeaders(app.Services, headersSecret);
        }

        if (tokenFileTightened)
        {
            ApiAuthLog.TokenFileTightened(logger, paths.ApiTokenPath);
        }

        if (options.Oidc is not null)
        {
            ApiAuthLog.Protected(logger, options.Oidc.Issuer!);
        }
        else if (!boundToLoopback)
        {
            ApiAuthLog.ExposedWithoutAuthentication(logger, options.Host);
        }

        app.MapToolshedApi();
        return app;
    }

    /// <summary>The OTLP headers from the secret store, checked now so a missing or malformed secret stops the start.</summary>
    private static string ReadOtlpHeaders(IServiceProvider services, string secret)
    {
        var store = services.GetRequiredService<Toolshed.Core.Secrets.EncryptedSecretStore>();
        var value = store.GetAsync(secret, CancellationToken.None).GetAwaiter().GetResult()
            ?? throw new ArgumentException($"--otel-headers names the secret '{secret}', which is not in the store: add it with `shed secret set {secret}`.");
        return TelemetrySettingsRules.CheckHeaders(value) is { } problem
            ? throw new ArgumentException($"--otel-headers: {problem} (secret '{secret}').")
            : value;
    }

    private static IPAddress ParseAddress(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "0.0.0.0" => IPAddress.Any,
        _ when IPAddress.TryParse(host, out var address) => address,
        _ => throw new ArgumentException($"'{host}' is not an IP address to bind to. Use 127.0.0.1, ::1 or 0.0.0.0.", nameof(host)),
    };
}
