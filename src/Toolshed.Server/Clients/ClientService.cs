using Microsoft.Extensions.Logging;
using Toolshed.Core.Clients;
using Toolshed.Core.Errors;
using Toolshed.Server.Clients.Api;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Persistence;

namespace Toolshed.Server.Clients;

/// <summary>
/// Keeps registered clients' config files pointing at running workloads: registering writes an entry for each running
/// workload, a workload start adds its entry to every registered client, a delete removes it. Only entries named
/// <c>toolshed-…</c> are ever written or removed. A file that cannot be edited is left alone with a warning.
/// </summary>
public sealed partial class ClientService : IWorkloadEvents
{
    private readonly ClientOptions _options;
    private readonly RegisteredClientStore _registered;
    private readonly WorkloadStore _workloads;
    private readonly ILogger<ClientService> _logger;

    internal ClientService(ClientOptions options, RegisteredClientStore registered, WorkloadStore workloads, ILogger<ClientService> logger)
    {
        _options = options;
        _registered = registered;
        _workloads = workloads;
        _logger = logger;
    }

    public ClientEnvironment Environment => ClientEnvironment.Resolve(_options.HomeDirectory, System.Environment.GetEnvironmentVariable);

    private StdioBridge Bridge => new(_options.StdioCommand);

    public async Task<IReadOnlyList<ClientStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var registered = await _registered.ListAsync(cancellationToken);
        var environment = Environment;
        return [.. McpClientCatalog.All.Select(c => Status(c, environment, registered.Contains(c.Id)))];
    }

    public async Task<ClientChangeResponse> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        var client = Require(name);
        await _registered.SetAsync(client.Id, registered: true, cancellationToken);
        var warnings = new List<string>();
        foreach (var workload in await RunningAsync(cancellationToken))
        {
            var entry = client.EntryFor(workload, Bridge);
            if (await EditAsync(client, text => client.Editor.Upsert(text, client.Location, entry), cancellationToken) is { } warning)
            {
                warnings.Add(warning);
                break;
            }
        }

        LogRegistered(client.Id, client.ConfigPath(Environment));
        return new ClientChangeResponse { Client = Status(client, Environment, registered: true), Warnings = warnings };
    }

    public async Task<ClientChangeResponse> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var client = Require(name);
        if (!(await _registered.ListAsync(cancellationToken)).Contains(client.Id))
        {
            throw new NotFoundException($"{client.DisplayName} is not registered.", "See registered clients with `shed client list`.");
        }

        var warning = await EditAsync(
            client,
            text => client.Editor.EntryNames(text, client.Location)
                .Where(ConfigEntry.IsOurs)
                .Aggregate(text, (current, entryName) => client.Editor.Remove(current, client.Location, entryName)),
            cancellationToken);
        await _registered.SetAsync(client.Id, registered: false, cancellationToken);
        LogRemoved(client.Id);
        return new ClientChangeResponse { Client = Status(client, Environment, registered: false), Warnings = warning is null ? [] : [warning] };
    }

    public async Task WorkloadStartedAsync(string workloadName, int port, CancellationToken cancellationToken)
    {
        var workload = new WorkloadEndpoint(workloadName, port);
        foreach (var client in await RegisteredAsync(cancellationToken))
        {
            var entry = client.EntryFor(workload, Bridge);
            await EditAsync(client, text => client.Editor.Upsert(text, client.Location, entry), cancellationToken);
        }
    }

    public async Task WorkloadRemovedAsync(string workloadName, CancellationToken cancellationToken)
    {
        foreach (var client in await RegisteredAsync(cancellationToken))
        {
            await EditAsync(client, text => client.Editor.Remove(text, client.Location, ConfigEntry.NameFor(workloadName)), cancellationToken);
        }
    }

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

    private async Task<IEnumerable<McpClientDefinition>> RegisteredAsync(CancellationToken cancellationToken) =>
        (await _registered.ListAsync(cancellationToken)).Select(McpClientCatalog.Find).OfType<McpClientDefinition>();

    private async Task<IEnumerable<WorkloadEndpoint>> RunningAsync(CancellationToken cancellationToken) =>
        (await _workloads.ListAsync(cancellationToken))
            .Where(r => r.DesiredState == WorkloadDesiredState.Running && r.Spec.ProxyPort > 0)
            .Select(r => new WorkloadEndpoint(r.Name, r.Spec.ProxyPort));

    /// <summary>Edits the client's file; returns a warning instead of throwing when the file cannot be edited.</summary>
    private async Task<string?> EditAsync(McpClientDefinition client, Func<string, string> edit, CancellationToken cancellationToken)
    {
        var path = client.ConfigPath(Environment);
        try
        {
            await ClientConfigFile.EditAsync(path, edit, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered client {ClientName} ({ConfigPath})")]
    private partial void LogRegistered(string clientName, string configPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed client {ClientName}")]
    private partial void LogRemoved(string clientName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientName}: config left unchanged, {Problem}")]
    private partial void LogUneditable(string clientName, string problem);
}
