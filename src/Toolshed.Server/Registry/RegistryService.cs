using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Configuration;
using Toolshed.Core.Errors;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>
/// The registries the daemon knows: the built-in <c>default</c> plus those the user added, each under its own name.
/// Reads use an immutable snapshot (no locks); adds and removes are serialized and persisted before they are visible.
/// </summary>
public sealed partial class RegistryService : IDisposable
{
    private static readonly StringComparer s_names = StringComparer.OrdinalIgnoreCase;

    private readonly RegistrySourceStore _store;
    private readonly RegistrySourceLoader _loader;
    private readonly RegistryCopyStore? _copies;
    private readonly ILogger<RegistryService> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile IReadOnlyDictionary<string, RegistryInfo> _registries;

    public RegistryService(ToolshedPaths paths, IHttpClientFactory httpClientFactory, ILogger<RegistryService> logger)
        : this(new RegistrySourceStore(paths), new RegistrySourceLoader(httpClientFactory), logger, new RegistryCopyStore(paths))
    {
    }

    internal RegistryService(RegistrySourceStore store, RegistrySourceLoader loader, ILogger<RegistryService> logger, RegistryCopyStore? copies = null)
    {
        _store = store;
        _loader = loader;
        _copies = copies;
        _logger = logger;
        var builtIn = new RegistryInfo { Name = BuiltInRegistry.Name, Document = BuiltInRegistry.Load() };
        _registries = new Dictionary<string, RegistryInfo>(s_names) { [builtIn.Name] = builtIn };
    }

    /// <summary>Loads the registries remembered in registries.json. A source that no longer loads is kept (and
    /// reported through <see cref="RegistryInfo.LoadError"/> and the log) so the user can fix or remove it.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<RegistrySource> sources;
            try
            {
                sources = await _store.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                LogUnreadableStore(_store.FilePath, _store.MoveAside(), ex.Message);
                sources = [];
            }

            var registries = new Dictionary<string, RegistryInfo>(_registries, s_names);
            foreach (var source in sources)
            {
                if (!RegistryNames.IsValid(source.Name) || registries.ContainsKey(source.Name) || (source.Path is null == source.Url is null))
                {
                    LogSkippedSource(source.Name, _store.FilePath);
                    continue;
                }

                registries[source.Name] = await LoadRememberedAsync(source, cancellationToken).ConfigureAwait(false);
            }

            _registries = registries;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Every registry, the built-in one first, then by name.</summary>
    public IReadOnlyList<RegistryInfo> List() => _registries.Values
        .OrderBy(registry => !registry.IsBuiltIn)
        .ThenBy(registry => registry.Name, StringComparer.OrdinalIgnoreCase)
        .ToList();

    /// <summary>The named registry; <see cref="NotFoundException"/> when unknown or when its source failed to load.</summary>
    public RegistryInfo Get(string name)
    {
        if (!_registries.TryGetValue(name, out var registry))
        {
            throw new NotFoundException($"There is no registry named '{name}'.",
                "List the registries with `shed registry list` (GET /api/v1beta/registry).");
        }

        if (registry.LoadError is { } error)
        {
            throw new NotFoundException($"The registry '{name}' could not be loaded from {registry.Source!.Display}: {error}",
                $"Fix the source and restart the daemon, or remove it with `shed registry remove {name}` and add it again.");
        }

        return registry;
    }

    /// <summary>One server of one registry; <see cref="NotFoundException"/> saying which part is unknown.</summary>
    public RegistryServer GetServer(string registryName, string serverName)
    {
        var registry = Get(registryName);
        return registry.Document.Servers.TryGetValue(serverName, out var server)
            ? server
            : throw new NotFoundException($"The registry '{registry.Name}' has no server named '{serverName}'.",
                $"List its servers with `shed registry info {registry.Name}` (GET /api/v1beta/registry/{registry.Name}/servers), or search with `shed search`.");
    }

    /// <summary>
    /// Adds a registry from a local JSON file or an http(s) URL: validates it, remembers the source, and makes it
    /// visible. <see cref="InvalidInputException"/> for a bad name, source or document; <see cref="ConflictException"/>
    /// when the name is taken.
    /// </summary>
    public async Task<RegistryInfo> AddAsync(RegistrySource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        source = Check(source);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_registries.ContainsKey(source.Name))
            {
                throw new ConflictException($"A registry named '{source.Name}' already exists.",
                    $"Choose another name, or remove the existing one first with `shed registry remove {source.Name}`.");
            }

            var warnings = new List<string>();
            var document = await _loader.LoadAsync(source, warnings, cancellationToken).ConfigureAwait(false);
            LogWarnings(source.Name, warnings);
            var added = new RegistryInfo { Name = source.Name, Source = source, Document = document, Warnings = warnings };
            var registries = new Dictionary<string, RegistryInfo>(_registries, s_names) { [added.Name] = added };
            await _store.WriteAsync(Sources(registries.Values), cancellationToken).ConfigureAwait(false);
            await SaveCopyAsync(added, cancellationToken).ConfigureAwait(false);
            _registries = registries;
            LogAdded(added.Name, source.Display, added.ServerCount);
            return added;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Forgets an added registry. The built-in one cannot be removed.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (s_names.Equals(name, BuiltInRegistry.Name))
        {
            throw new InvalidInputException($"The built-in registry '{BuiltInRegistry.Name}' cannot be removed; it ships with Toolshed.",
                "name", "Remove only registries you added (see `shed registry list`).");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_registries.ContainsKey(name))
            {
                throw new NotFoundException($"There is no registry named '{name}'.",
                    "List the registries with `shed registry list` (GET /api/v1beta/registry).");
            }

            var registries = new Dictionary<string, RegistryInfo>(_registries, s_names);
            registries.Remove(name);
            await _store.WriteAsync(Sources(registries.Values), cancellationToken).ConfigureAwait(false);
            _registries = registries;
            _copies?.Delete(name);
            LogRemoved(name);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Resolves a create request's <c>image</c>: <c>server</c> (in the default registry) or <c>registry/server</c>.
    /// False for anything else, which is then an image reference (a tag, a digest, a registry host, a path...).
    /// </summary>
    public bool TryResolveServer(string reference, [NotNullWhen(true)] out string? registryName, [NotNullWhen(true)] out RegistryServer? server)
    {
        registryName = null;
        server = null;
        if (string.IsNullOrWhiteSpace(reference) || reference.IndexOfAny([':', '@']) >= 0)
        {
            return false;
        }

        var parts = reference.Split('/');
        var (registryPart, serverPart) = parts.Length switch
        {
            1 => (BuiltInRegistry.Name, parts[0]),
            2 => (parts[0], parts[1]),
            _ => ("", ""),
        };

        if (!_registries.TryGetValue(registryPart, out var registry)
            || !registry.Document.Servers.TryGetValue(serverPart, out var found))
        {
            return false;
        }

        registryName = registry.Name;
        server = found;
        return true;
    }

    /// <summary>Servers of every available registry whose name, description, tags or tools contain every word of
    /// the query (case-insensitive). Name matches come first. An empty query lists everything.</summary>
    public IReadOnlyList<RegistrySearchResult> Search(string query) => RegistrySearch.Run(List(), query);

    public void Dispose() => _writeLock.Dispose();

    private static RegistrySource Check(RegistrySource source)
    {
        if (!RegistryNames.IsValid(source.Name))
        {
            throw new InvalidInputException($"'{source.Name}' is not a valid registry name: use {RegistryNames.Rule}.", "name");
        }

        var path = string.IsNullOrWhiteSpace(source.Path) ? null : source.Path;
        var url = string.IsNullOrWhiteSpace(source.Url) ? null : source.Url;
        if (path is null == url is null)
        {
            throw new InvalidInputException(
                path is null ? "Give the registry's source: a \"path\" to a JSON file or a \"url\"." : "Give either \"path\" or \"url\", not both.",
                path is null ? "path" : "url",
                "For example {\"name\": \"team\", \"url\": \"https://example.com/registry.json\"}.");
        }

        if (url is not null)
        {
            RegistrySourceLoader.ParseUrl(url);
        }

        return source with { Path = path is null ? null : Path.GetFullPath(path), Url = url };
    }

    private async Task<RegistryInfo> LoadRememberedAsync(RegistrySource source, CancellationToken cancellationToken)
    {
        try
        {
            var warnings = new List<string>();
            var document = await _loader.LoadAsync(source, warnings, cancellationToken).ConfigureAwait(false);
            LogWarnings(source.Name, warnings);
            var loaded = new RegistryInfo { Name = source.Name, Source = source, Document = document, Warnings = warnings };
            await SaveCopyAsync(loaded, cancellationToken).ConfigureAwait(false);
            return loaded;
        }
        catch (ToolshedException ex)
        {
            if (_copies is not null && await _copies.ReadAsync(source.Name, cancellationToken).ConfigureAwait(false) is { } copy)
            {
                LogServingCopy(source.Name, source.Display, ex.Message, copy.SavedAt);
                return new RegistryInfo
                {
                    Name = source.Name,
                    Source = source,
                    Document = copy.Document,
                    Warnings = [$"{source.Display} could not be read ({ex.Message}); serving the copy loaded at {copy.SavedAt:u}."],
                };
            }

            LogUnavailable(source.Name, source.Display, ex.Message);
            return new RegistryInfo { Name = source.Name, Source = source, Document = new RegistryDocument(), LoadError = ex.Message };
        }
    }

    /// <summary>
    /// Reads every added registry's source again (an MCP Registry API page by page, a URL, a file); one that fails keeps
    /// what it served, and the failure is logged. Loads run outside the write lock; a registry removed or re-added
    /// meanwhile is left as it is now.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var registry in _registries.Values.Where(r => r.Source is not null).ToList())
        {
            RegistryInfo refreshed;
            try
            {
                var warnings = new List<string>();
                var document = await _loader.LoadAsync(registry.Source!, warnings, cancellationToken).ConfigureAwait(false);
                LogWarnings(registry.Name, warnings);
                refreshed = registry with { Document = document, Warnings = warnings, LoadError = null };
            }
            catch (ToolshedException ex)
            {
                LogRefreshFailed(registry.Name, registry.Source!.Display, ex.Message);
                continue;
            }

            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_registries.TryGetValue(registry.Name, out var current) && current.Source == registry.Source)
                {
                    _registries = new Dictionary<string, RegistryInfo>(_registries, s_names) { [registry.Name] = refreshed };
                    await SaveCopyAsync(refreshed, cancellationToken).ConfigureAwait(false);
                    LogRefreshed(registry.Name, refreshed.ServerCount);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    private async Task SaveCopyAsync(RegistryInfo registry, CancellationToken cancellationToken)
    {
        if (_copies is null)
        {
            return;
        }

        try
        {
            await _copies.SaveAsync(registry.Name, registry.Document, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCopyNotSaved(registry.Name, ex.Message);
        }
    }

    private void LogWarnings(string registryName, IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings.Take(100))
        {
            LogEntrySkipped(registryName, warning);
        }

        if (warnings.Count > 100)
        {
            LogEntrySkipped(registryName, $"… and {warnings.Count - 100} more");
        }
    }

    private static List<RegistrySource> Sources(IEnumerable<RegistryInfo> registries) =>
        registries.Where(registry => registry.Source is not null).Select(registry => registry.Source!).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Added registry {RegistryName} from {Source} ({ServerCount} servers)")]
    private partial void LogAdded(string registryName, string source, int serverCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {RegistryName} from {Source} could not be read ({Reason}); serving its copy of {SavedAt}")]
    private partial void LogServingCopy(string registryName, string source, string reason, DateTimeOffset savedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing registry {RegistryName} from {Source} failed ({Reason}); it keeps what it had")]
    private partial void LogRefreshFailed(string registryName, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed registry {RegistryName} ({ServerCount} servers)")]
    private partial void LogRefreshed(string registryName, int serverCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the copy of registry {RegistryName}: {Reason}")]
    private partial void LogCopyNotSaved(string registryName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {RegistryName}: {Warning}")]
    private partial void LogEntrySkipped(string registryName, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed registry {RegistryName}")]
    private partial void LogRemoved(string registryName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {RegistryName} from {Source} is unavailable: {Reason}")]
    private partial void LogUnavailable(string registryName, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the entry {RegistryName} of {StorePath}: invalid, duplicate, or without exactly one of path/url")]
    private partial void LogSkippedSource(string registryName, string storePath);

    [LoggerMessage(Level = LogLevel.Error, Message = "{StorePath} is unreadable ({Reason}); moved it to {AsidePath} and started with the built-in registry only")]
    private partial void LogUnreadableStore(string storePath, string asidePath, string reason);
}
