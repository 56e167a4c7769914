using Microsoft.Extensions.Logging;

namespace Toolshed.Proxy.Groups;

/// <summary>What every client session of one group shares: the group's current state, the HTTP client its member
/// sessions use, the bound on opening them, and its limits.</summary>
internal sealed class GroupContext(GroupProxyOptions options, HttpClient http, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private volatile GroupState _state = new(options.Members, options.Conflicts, options.Renames, options.Optimizer);

    public string Name => options.Endpoint.WorkloadName;

    public GroupProxyOptions Options => options;

    public GroupState State
    {
        get => _state;
        set => _state = value;
    }

    public HttpClient Http => http;

    public SemaphoreSlim Opens { get; } = new(Math.Max(1, options.MaxParallelOpens));

    public ILogger Logger => logger;

    /// <summary>The group endpoint's telemetry: a CLIENT operation per request sent to a member; null records none.</summary>
    public Telemetry.EndpointTelemetry? Telemetry { get; init; }

    /// <summary>
    /// Which member each tool or prompt name was last seen at, over every client's lists (bounded): a call of a name
    /// whose member is down is told so, even in a session that never listed it while the member ran.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(CatalogKind, string), string> LastSeen { get; } = new();

    public const int MaxLastSeen = 20_000;

    /// <summary>Lists as built, by content: sessions that see the same list hold one copy of it (bounded).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, GroupCatalog> SharedCatalogs { get; } = new(StringComparer.Ordinal);

    public const int MaxSharedCatalogs = 64;

    /// <summary>The optimizer's search indexes, shared by the group's clients.</summary>
    public Optimizer.ToolIndexCache Indexes { get; } = new();

    public TimeSpan RequestTimeout => options.Endpoint.RequestTimeout;

    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Dispose();
        Telemetry?.Dispose();
        Opens.Dispose();
        Indexes.Dispose();
        http.Dispose();
    }
}
