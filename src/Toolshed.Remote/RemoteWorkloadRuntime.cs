using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;
using Toolshed.Core.Remote;
using Toolshed.Core.Runtime;
using Toolshed.Core.Secrets;
using Toolshed.Core.Workloads;
using Toolshed.Remote.Connections;
using Toolshed.Remote.OAuth;

namespace Toolshed.Remote;

/// <summary>
/// The runtime of remote workloads: nothing runs here, so an "instance" is Toolshed's connection to the remote (its
/// headers, its OAuth session, its event log). Launching detects the remote's transport and hands the proxy clients
/// that carry the credentials; stopping lets go of the connection; removing also forgets the workload's tokens.
/// </summary>
public sealed partial class RemoteWorkloadRuntime(
    EncryptedSecretStore secrets, TimeProvider time, ILoggerFactory loggerFactory) : IWorkloadRuntime, IAsyncDisposable
{
    public const string TransportLabel = "toolshed.remote.transport";
    public const string SignInLabel = "toolshed.remote.sign-in";

    private readonly ConcurrentDictionary<string, RemoteConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RemoteWorkloadState> _states = new(StringComparer.Ordinal);
    private readonly OAuthGrantStore _grants = new(secrets);
    private readonly ILogger _logger = loggerFactory.CreateLogger<RemoteWorkloadRuntime>();

    /// <summary>Called with a workload's name when its sign-in completed, so the daemon reconnects it.</summary>
    public Func<string, Task>? SignedIn { get; set; }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> HasImageAsync(string image, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task PrepareImageAsync(string image, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> HasPackageAsync(PackageSpec package, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task PreparePackageAsync(
        PackageSpec package, bool rebuild, IReadOnlyDictionary<string, string> credentials, IProgress<ImagePullProgress>? progress,
        CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EnsureNameFreeAsync(string workload, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<LaunchedWorkload> LaunchAsync(WorkloadLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var remote = launch.Spec.Remote ?? throw new InvalidOperationException($"{launch.Name} is not a remote workload.");
        var name = launch.Name;
        var state = _states.GetOrAdd(name, _ => new RemoteWorkloadState(new RemoteEventLog(time)));
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in remote.Headers)
        {
            headers.Add(new(header.Name, await HeaderTemplate.ResolveAsync(header, secrets.GetAsync, cancellationToken)));
        }

        var ownCredentials = remote.Headers.Any(h => string.Equals(h.Name, "Authorization", StringComparison.OrdinalIgnoreCase));
        if (!ownCredentials && state.OAuth is null)
        {
            state.OAuth = new OAuthSession(name, remote.Url, remote.OAuth, _grants, time, state.Events, loggerFactory, remote.GuardOwnAddress)
            {
                SignedIn = OnSignedInAsync,
            };
        }

        if (state.OAuth is { } session)
        {
            await session.LoadAsync(cancellationToken);
        }

        var connection = new RemoteConnection
        {
            Workload = name,
            Url = remote.Url,
            Id = "remote-" + Guid.NewGuid().ToString("N")[..16],
            StartedAt = time.GetUtcNow(),
            Events = state.Events,
            Headers = headers,
            OAuth = ownCredentials ? null : state.OAuth,
            Guard = remote.GuardOwnAddress ? new OutboundAddressGuard(remote.OAuth?.AllowedPrivateHosts ?? []) : null,
        };
        if (connection.Guard is { } guard)
        {
            // Said at launch, in a sentence; the connect callback keeps refusing it should the name later resolve there.
            await guard.CheckAsync(remote.Url, cancellationToken);
        }

        var transport = remote.Transport;
        if (transport is null)
        {
            using var probe = connection.CreateClient();
            transport = await RemoteTransportProbe.DetectAsync(probe, remote.Url, cancellationToken);
            if (transport is null && ownCredentials)
            {
                throw new RemoteServerException(connection.RefusedHeadersProblem(null));
            }

            connection.TransportDetected = transport is not null;
            if (transport is null)
            {
                state.Events.Add("the remote asks for authorization before it says how it speaks; streamable-http until signed in");
            }
        }

        connection.Transport = transport ?? McpTransport.StreamableHttp;
        connection.TransportKnown = transport is not null;
        _connections[name] = connection;
        state.Events.Add($"connected to {remote.Url} ({connection.Transport.ToName()}{(remote.Transport is null && connection.TransportDetected ? ", detected" : "")})");
        LogConnected(name, remote.Url, connection.Transport.ToName());
        return new LaunchedWorkload(connection.Id, new RemoteUpstream(remote.Url, connection.Transport, connection.CreateClient));
    }

    public Task RepairAsync(WorkloadDefinition definition, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(string workload, CancellationToken cancellationToken)
    {
        if (_connections.TryRemove(workload, out var connection))
        {
            connection.Events.Add("disconnected");
        }

        return Task.CompletedTask;
    }

    public async Task RemoveAsync(string workload, CancellationToken cancellationToken)
    {
        await StopAsync(workload, cancellationToken);
        if (_states.TryRemove(workload, out var state) && state.OAuth is { } session)
        {
            await session.DisposeAsync();
        }

        await _grants.DeleteAsync(workload, cancellationToken);
    }

    public Task<WorkloadInstance?> InspectAsync(string workload, CancellationToken cancellationToken) =>
        Task.FromResult(_connections.TryGetValue(workload, out var connection) ? Describe(connection) : null);

    public Task<RuntimeObservation> ObserveAsync(CancellationToken cancellationToken) => Task.FromResult(new RuntimeObservation
    {
        Instances = _connections.Values.ToDictionary(c => c.Workload, Describe, StringComparer.Ordinal),
    });

    public async IAsyncEnumerable<WorkloadLogLine> GetLogsAsync(
        string workload, WorkloadLogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_states.TryGetValue(workload, out var state))
        {
            yield break;
        }

        long? last = null;
        foreach (var (sequence, text) in state.Events.Read(null, options.Tail))
        {
            last = sequence;
            yield return new WorkloadLogLine(WorkloadLogStream.Stdout, text);
        }

        while (options.Follow && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            foreach (var (sequence, text) in state.Events.Read(last ?? -1, null))
            {
                last = sequence;
                yield return new WorkloadLogLine(WorkloadLogStream.Stdout, text);
            }
        }
    }

    public Task<RuntimePurge> PurgeAsync(CancellationToken cancellationToken) => Task.FromResult(new RuntimePurge());

    public RuntimeDescription Describe(WorkloadDefinition definition) => new() { Network = "remote" };

    /// <summary>Where the workload's sign-in stands; null when it is not a remote served here.</summary>
    public RemoteSignInStatus? GetSignIn(string workload)
    {
        if (!_states.TryGetValue(workload, out var state))
        {
            return null;
        }

        var session = state.OAuth;
        return new RemoteSignInStatus
        {
            State = session?.State ?? SignInState.NotRequired,
            Reason = session?.Reason,
            Issuer = session?.Issuer,
            Scope = session?.Scope,
            ExpiresAt = session?.ExpiresAt,
            Pending = state.Pending is { Completion.IsCompleted: false } pending && pending.ExpiresAt > time.GetUtcNow(),
        };
    }

    /// <summary>Starts a browser sign-in for a served remote workload.</summary>
    public async Task<PendingSignIn> BeginSignInAsync(string workload, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue(workload, out var state) || !_connections.ContainsKey(workload))
        {
            throw new ConflictException($"The remote workload {workload} is not running.", $"Start it first: `shed restart {workload}`.");
        }

        var session = state.OAuth ?? throw new InvalidInputException(
            $"Workload {workload} sends its own Authorization header, so Toolshed does not sign in for it.", "name");
        var pending = await session.BeginSignInAsync(cancellationToken);
        state.Pending = pending;
        return pending;
    }

    /// <summary>Waits up to <paramref name="wait"/> for a pending sign-in to end (either way); returns at once without one.</summary>
    public async Task WaitForSignInAsync(string workload, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_states.TryGetValue(workload, out var state) && state.Pending is { Completion.IsCompleted: false } pending)
        {
            try
            {
                await pending.Completion.WaitAsync(wait, time, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or ToolshedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The status the caller reads next says how it ended.
            }
        }
    }

    /// <summary>Forgets the workload's tokens (its next request needs a new sign-in).</summary>
    public async Task SignOutAsync(string workload, CancellationToken cancellationToken)
    {
        if (_states.TryGetValue(workload, out var state) && state.OAuth is { } session)
        {
            await session.SignOutAsync(cancellationToken);
            return;
        }

        await _grants.DeleteAsync(workload, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var state in _states.Values)
        {
            if (state.OAuth is { } session)
            {
                await session.DisposeAsync();
            }
        }
    }

    private WorkloadInstance Describe(RemoteConnection connection)
    {
        var signIn = connection.OAuth?.State ?? SignInState.NotRequired;
        return new WorkloadInstance
        {
            Workload = connection.Workload,
            Id = connection.Id,
            Image = connection.Url.ToString(),
            State = "running",
            Status = signIn == SignInState.NeedsSignIn ? "Needs sign-in" : $"Connected {Ago(connection.StartedAt)}",
            Created = connection.StartedAt,
            StartedAt = connection.StartedAt,
            Labels = new Dictionary<string, string>
            {
                [TransportLabel] = connection.Transport.ToName(),
                [SignInLabel] = signIn switch
                {
                    SignInState.SignedIn => "signed-in",
                    SignInState.NeedsSignIn => "needs-sign-in",
                    _ => "not-required",
                },
            },
        };
    }

    private string Ago(DateTimeOffset since)
    {
        var elapsed = time.GetUtcNow() - since;
        return elapsed.TotalMinutes < 1 ? "less than a minute ago"
            : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} minutes ago"
            : $"{(int)elapsed.TotalHours} hours ago";
    }

    private async Task OnSignedInAsync(string workload)
    {
        try
        {
            // A connection that knows its transport picks the new token up on its next request; one that could not
            // detect it before signing in is made again.
            if (SignedIn is { } signedIn && (!_connections.TryGetValue(workload, out var connection) || !connection.TransportKnown))
            {
                await signedIn(workload);
            }
        }
        catch (Exception ex)
        {
            LogReconnectFailed(workload, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Remote workload {WorkloadName} connects to {Url} ({Transport})")]
    private partial void LogConnected(string workloadName, Uri url, string transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reconnect remote workload {WorkloadName} after its sign-in")]
    private partial void LogReconnectFailed(string workloadName, Exception exception);
}
