using Microsoft.Extensions.Logging;
using Toolshed.Clients;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
using Toolshed.Server.Clients.Api;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Clients;

/// <summary>
/// Keeps registered clients' config files pointing at ready workloads. A registration is a client plus the home of the
/// user who registered it: registering writes an entry for each ready workload into that home's config, a workload
/// that becomes ready is added to every registration's config, a delete removes it. Only entries named
/// <c>toolshed-…</c> are ever written or removed. A file that cannot be edited is left alone with a warning.
/// </summary>
public sealed partial class ClientService
{
    /// <summary>A group's entry in a client is named toolshed-group-NAME, apart from any workload's.</summary>
    public const string GroupEntryPrefix = "group-";

    private static readonly WorkloadEndpoint s_sample = new("sample", 1);
    private readonly ClientOptions _options;
    private readonly RegisteredClientStore _registered;
    private readonly WorkloadStore _workloads;
    private readonly ReadyWorkloads _ready;
    private readonly ILogger<ClientService> _logger;
    private readonly IGroupEndpoints? _groups;

    internal ClientService(
        ClientOptions options, RegisteredClientStore registered, WorkloadStore workloads, ReadyWorkloads ready, ILogger<ClientService> logger,
        IGroupEndpoints? groups = null)
    {
        _groups = groups;
        _options = options;
        _registered = registered;
        _workloads = workloads;
        _ready = ready;
        _logger = logger;
    }

    private StdioBridge Bridge => new(_options.StdioCommand);

    /// <summary>The home a request is about: the caller's, checked, or the daemon's own when the caller sent none.</summary>
    public ClientHome HomeFor(ClientHome? caller) => caller is null ? _options.DefaultHome : ClientHomeRules.Validate(caller);

    public async Task<IReadOnlyList<ClientStatus>> ListAsync(ClientHome? caller, CancellationToken cancellationToken)
    {
        var home = HomeFor(caller);
        var registered = (await _registered.ListAsync(cancellationToken)).Where(r => r.Home.Home == home.Home).ToDictionary(r => r.Name, r => r.Group);
        var environment = Environment(home);
        return [.. McpClientCatalog.All.Select(c => Status(c, environment, registered.ContainsKey(c.Id)) with { Group = registered.GetValueOrDefault(c.Id) })];
    }

    /// <summary>
    /// Registers a client: its config gets an entry for every ready workload from now on, or, with
    /// <paramref name="group"/>, the one entry of that group's endpoint instead (Toolshed's earlier entries go).
    /// </summary>
    public async Task<ClientChangeResponse> RegisterAsync(string name, ClientHome? caller, CancellationToken cancellationToken, string? group = null)
    {
        var client = Require(name);
        var home = HomeFor(caller);
        var endpoints = group is null ? await ReadyAsync(cancellationToken) : [await GroupEndpointAsync(group, cancellationToken)];
        await _registered.SetAsync(client.Id, home, registered: true, cancellationToken, group);
        var registration = new RegisteredClient { Name = client.Id, Home = home, Group = group };
        var warnings = new List<string>();
        if (await EditAsync(client, registration, text => RemoveOurs(client, text), cancellationToken) is { } cleared)
        {
            warnings.Add(cleared);
            endpoints = [];
        }

        foreach (var workload in endpoints)
        {
            var entry = client.EntryFor(workload, Bridge);
            if (await EditAsync(client, registration, text => client.Editor.Upsert(text, client.Location, entry), cancellationToken) is { } warning)
            {
                warnings.Add(warning);
                break;
            }
        }

        LogRegistered(client.Id, client.ConfigPath(Environment(home)));
        return new ClientChangeResponse { Client = Status(client, Environment(home), registered: true) with { Group = group }, Warnings = warnings };
    }

    public async Task<ClientChangeResponse> RemoveAsync(string name, ClientHome? caller, CancellationToken cancellationToken)
    {
        var client = Require(name);
        var home = HomeFor(caller);
        if (!(await _registered.ListAsync(cancellationToken)).Any(r => r.IsFor(client.Id, home)))
        {
            throw new NotFoundException($"{client.DisplayName} is not registered for {home.Home}.", "See registered clients with `shed client list`.");
        }

        var warning = await EditAsync(
            client,
            new RegisteredClient { Name = client.Id, Home = home },
            text => RemoveOurs(client, text),
            cancellationToken);
        await _registered.SetAsync(client.Id, home, registered: false, cancellationToken);
        LogRemoved(client.Id);
        return new ClientChangeResponse { Client = Status(client, Environment(home), registered: false), Warnings = warning is null ? [] : [warning] };
    }

    /// <summary>A workload passed readiness: its entry goes into every registration's config.</summary>
    public async Task WorkloadReadyAsync(WorkloadEndpoint workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        foreach (var (client, registration) in await RegisteredAsync(cancellationToken))
        {
            if (registration.Group is not null)
            {
                continue; // the group's one entry stands for its members
            }

            var entry = client.EntryFor(workload, Bridge);
            await EditAsync(client, registration, text => client.Editor.Upsert(text, client.Location, entry), cancellationToken);
        }
    }

    public async Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken)
    {
        foreach (var (client, registration) in await RegisteredAsync(cancellationToken))
        {
            if (registration.Group is not null)
            {
                continue;
            }

            await EditAsync(client, registration, text => client.Editor.Remove(text, client.Location, ConfigEntry.NameFor(workloadName)), cancellationToken);
        }
    }

    /// <summary>The entry a group's registration puts in the client: the group's endpoint, named group-NAME.</summary>
    private async Task<WorkloadEndpoint> GroupEndpointAsync(string group, CancellationToken cancellationToken)
    {
        if (_groups is null)
        {
            throw new NotFoundException($"There is no group named '{group}'.", "Create it with `shed group create`.");
        }

        return new WorkloadEndpoint(GroupEntryPrefix + group, await _groups.PortOfAsync(group, cancellationToken));
    }

    private static string RemoveOurs(McpClientDefinition client, string text) =>
        client.Editor.EntryNames(text, client.Location)
            .Where(ConfigEntry.IsOurs)
            .Aggregate(text, (current, entryName) => client.Editor.Remove(current, client.Location, entryName));

    private static ClientEnvironment Environment(ClientHome home) => home.ToEnvironment(ClientEnvironment.CurrentPlatform);

    private static McpClientDefinition Require(string name) =>
        McpClientCatalog.Find(name) ?? throw new NotFoundException(
            $"No client named '{name}'.",
            $"Known clients: {string.Join(", ", McpClientCatalog.All.Select(c => c.Id))}.");

    private static ClientStatus Status(McpClientDefinition client, ClientEnvironment environment, bool registered) => new()
    {
        Name = client.Id,
        DisplayName = client.DisplayName,
        Installed = client.IsInstalled(environment),
        Registered = registered,
        ConfigPath = client.ConfigPath(environment),
        Format = client.Format.ToString().ToLowerInvariant(),
        Transport = client.Transport == ClientTransport.StdioBridge ? "stdio" : "streamable-http",
    };

    /// <summary>What Toolshed leaves in a file of its own making once its last entry is gone.</summary>
    private string EmptyTextOf(McpClientDefinition client)
    {
        var entry = client.EntryFor(s_sample, Bridge);
        return client.Editor.Remove(client.Editor.Upsert("", client.Location, entry), client.Location, entry.Name);
    }

    private async Task<IEnumerable<(McpClientDefinition Client, RegisteredClient Registration)>> RegisteredAsync(CancellationToken cancellationToken) =>
        (await _registered.ListAsync(cancellationToken))
            .Select(r => (Client: McpClientCatalog.Find(r.Name), Registration: r))
            .Where(pair => pair.Client is not null)
            .Select(pair => (pair.Client!, pair.Registration));

    private async Task<IEnumerable<WorkloadEndpoint>> ReadyAsync(CancellationToken cancellationToken) =>
        (await _workloads.ListAsync(cancellationToken))
            .Where(r => r.DesiredState == WorkloadDesiredState.Running && r.Spec.ProxyPort > 0 && _ready.IsReady(r.Name, r.Spec.ProxyPort))
            .Select(r => new WorkloadEndpoint(r.Name, r.Spec.ProxyPort));

    /// <summary>Edits the registration's file; returns a warning instead of throwing when the file cannot be edited.</summary>
    private async Task<string?> EditAsync(McpClientDefinition client, RegisteredClient registration, Func<string, string> edit, CancellationToken cancellationToken)
    {
        var path = client.ConfigPath(Environment(registration.Home));
        // The stored registration knows what Toolshed created for this file earlier.
        var stored = (await _registered.ListAsync(cancellationToken)).FirstOrDefault(r => r.IsFor(registration.Name, registration.Home)) ?? registration;
        try
        {
            var change = await ClientConfigFile.EditAsync(path, new ConfigFileEdit
            {
                Edit = edit,
                CreatedEarlier = stored.Created,
                EmptyText = EmptyTextOf(client),
                Owner = OwnerOf(stored.Home),
                Roots = [.. stored.Home.Roots()],
            }, cancellationToken);
            await _registered.RecordAsync(stored, change, cancellationToken);
            return null;
        }
        catch (ConfigParseException ex)
        {
            var warning = $"Left {ex.Describe(path)} unchanged: fix the file, then run `shed client register {client.Id}` again.";
            LogUneditable(client.Id, ex.Describe(path));
            return warning;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUneditable(client.Id, $"{path}: {ex.Message}");
            return $"Could not write {path}: {ex.Message}";
        }
    }

    /// <summary>The user whose files these are (the home's group for files Toolshed creates); null off Linux.</summary>
    private static FileOwnerId? OwnerOf(ClientHome home) =>
        home.Uid is { } uid && UnixOwner.Of(home.Home) is { } owner ? new FileOwnerId(uid, owner.Gid) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered client {ClientName} ({ConfigPath})")]
    private partial void LogRegistered(string clientName, string configPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed client {ClientName}")]
    private partial void LogRemoved(string clientName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientName}: config left unchanged, {Problem}")]
    private partial void LogUneditable(string clientName, string problem);
}
