using System.Net.Sockets;
using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Toolshed.Core.Errors;

namespace Toolshed.Runtime.Docker;

/// <summary>
/// Finds the engine on first use (the first candidate endpoint that answers a ping wins) and keeps one client for it.
/// A failed discovery is not remembered, so an engine started later is found on the next call.
/// </summary>
public sealed partial class DockerEngineConnection : IDisposable
{
    private readonly DockerRuntimeOptions _options;
    private readonly ILogger<DockerEngineConnection> _logger;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DockerClient? _client;
    private Uri? _endpoint;

    public DockerEngineConnection(IOptions<DockerRuntimeOptions> options, ILogger<DockerEngineConnection> logger)
        : this(options, logger, Environment.GetEnvironmentVariable)
    {
    }

    internal DockerEngineConnection(
        IOptions<DockerRuntimeOptions> options, ILogger<DockerEngineConnection> logger, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    /// <summary>The endpoint in use, or null before a successful discovery.</summary>
    public Uri? Endpoint => Volatile.Read(ref _endpoint);

    /// <summary>A description of the endpoint(s) for error messages.</summary>
    public string EndpointDescription => Endpoint?.ToString()
        ?? string.Join(", ", DockerEndpointResolver.GetCandidates(_options.Endpoint, _getEnvironmentVariable));

    public async ValueTask<DockerClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is not null)
            {
                return _client;
            }

            var (client, endpoint) = await DiscoverAsync(cancellationToken);
            Volatile.Write(ref _endpoint, endpoint);
            Volatile.Write(ref _client, client);
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _gate.Dispose();
    }

    private async Task<(DockerClient Client, Uri Endpoint)> DiscoverAsync(CancellationToken cancellationToken)
    {
        var candidates = DockerEndpointResolver.GetCandidates(_options.Endpoint, _getEnvironmentVariable);
        var failures = new List<string>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var (client, problem) = await ProbeAsync(candidate, cancellationToken);
            if (client is not null)
            {
                LogEngineFound(_logger, candidate);
                return (client, candidate);
            }

            LogEndpointUnanswered(_logger, candidate, problem);
            failures.Add($"{candidate} ({problem})");
        }

        throw new ContainerEngineUnavailableException(
            $"No container engine answers. Tried: {string.Join("; ", failures)}.",
            "Start Docker or Podman (for Podman, enable its API socket: systemctl --user start podman.socket), "
            + "or set DOCKER_HOST to the engine's address, e.g. unix:///var/run/docker.sock.");
    }

    private async Task<(DockerClient? Client, string Problem)> ProbeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (DockerEndpointResolver.SocketPath(endpoint) is { } socketPath && !File.Exists(socketPath))
        {
            return (null, "no socket file");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PingTimeout);
        try
        {
            string? apiVersion;
            using (var probe = CreateClient(endpoint, apiVersion: null))
            {
                await probe.System.PingAsync(timeout.Token);
                apiVersion = (await probe.System.GetVersionAsync(timeout.Token)).APIVersion;
            }

            var negotiated = DockerApiVersionNegotiator.Negotiate(apiVersion);
            var engineVersionText = apiVersion ?? "unknown";
            var negotiatedText = negotiated?.ToString() ?? "unversioned";
            LogApiVersion(_logger, engineVersionText, negotiatedText);
            return (CreateClient(endpoint, negotiated), "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.PingTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or DockerApiException or TimeoutException)
        {
            return (null, DockerErrors.Describe(ex));
        }
    }

    private static DockerClient CreateClient(Uri endpoint, Version? apiVersion)
    {
        // No logger is handed to Docker.DotNet: it could log request bodies, and a create body carries env values.
        // The HTTP timeout is infinite because attach, logs --follow and wait are long-lived; callers cancel instead.
        var builder = new DockerClientBuilder().WithEndpoint(endpoint).WithTimeout(Timeout.InfiniteTimeSpan);
        if (apiVersion is not null)
        {
            builder = builder.WithApiVersion(apiVersion);
        }

        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the container engine at {Endpoint}")]
    private static partial void LogEngineFound(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No container engine at {Endpoint}: {Problem}")]
    private static partial void LogEndpointUnanswered(ILogger logger, Uri endpoint, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine API version {EngineApiVersion}; speaking {NegotiatedApiVersion}")]
    private static partial void LogApiVersion(ILogger logger, string engineApiVersion, string negotiatedApiVersion);
}
