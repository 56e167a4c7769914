using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using NetworkSpec = Toolshed.Runtime.Docker.Engine.NetworkSpec;
using Toolshed.Core.Errors;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker;

/// <summary>Networks and locally built images.</summary>
public sealed partial class DockerContainerEngine
{
    public async Task ImportImageAsync(string image, Stream rootFilesystemTar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(rootFilesystemTar);
        var (repository, tag) = ImageReference.Split(image);
        var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag };
        var relay = new PullProgressRelay(image, progress: null);
        await CallAsync(
            $"import image {image}",
            (c, ct) => c.Images.CreateImageAsync(parameters, rootFilesystemTar, null, relay, ct),
            cancellationToken);
        if (relay.Error is { } error)
        {
            throw new ContainerEngineException($"The engine could not import image {image}: {error}");
        }

        LogImported(logger, image);
    }

    public async Task<IReadOnlyList<string>> ListImageTagsAsync(string repository, CancellationToken cancellationToken)
    {
        var parameters = new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [repository] = true } },
        };
        var images = await CallAsync($"list images of {repository}", (c, ct) => c.Images.ListImagesAsync(parameters, ct), cancellationToken);
        return [.. images.SelectMany(i => i.RepoTags ?? []).Where(t => t.StartsWith(repository + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    public async Task<bool> RemoveImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync($"remove image {image}", (c, ct) => c.Images.DeleteImageAsync(image, new ImageDeleteParameters(), ct), cancellationToken);
            return true;
        }
        catch (EngineRefusedException ex) when (ex.Refusal is EngineRefusal.NotFound or EngineRefusal.Conflict)
        {
            return false;
        }
    }

    public async Task<NetworkDetails> EnsureNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (await InspectNetworkAsync(spec.Name, cancellationToken) is { } existing)
        {
            return existing;
        }

        var parameters = new NetworksCreateParameters
        {
            Name = spec.Name,
            Driver = "bridge",
            Internal = spec.Internal,
            Labels = new Dictionary<string, string>(spec.Labels),
        };
        if (spec.HostUnreachable)
        {
            parameters.Options = new Dictionary<string, string> { [InhibitIpv4] = "true" };
        }

        if (spec.Subnet is not null)
        {
            parameters.IPAM = new IPAM { Config = [new IPAMConfig { Subnet = spec.Subnet }] };
        }

        try
        {
            await CallAsync($"create network {spec.Name}", (c, ct) => c.Networks.CreateNetworkAsync(parameters, ct), cancellationToken);
            LogNetworkCreated(logger, spec.Name, spec.Internal);
        }
        catch (EngineRefusedException ex) when (ex.Refusal is EngineRefusal.Conflict)
        {
            // Created by a concurrent caller in the meantime: use it.
        }

        return await InspectNetworkAsync(spec.Name, cancellationToken)
            ?? throw new ContainerEngineException($"The network {spec.Name} disappeared right after it was created.");
    }

    public async Task<NetworkDetails?> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CallAsync(
                $"inspect network {idOrName}", (c, ct) => c.Networks.InspectNetworkAsync(idOrName, ct), cancellationToken);
            // The engine matches names by prefix of ids too; only an exact name or id is this network.
            return response.Name == idOrName || response.ID.StartsWith(idOrName, StringComparison.Ordinal) ? ToDetails(response) : null;
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<NetworkDetails>> ListNetworksAsync(
        IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var parameters = new NetworksListParameters
        {
            Filters = labels.Count == 0 ? null : new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true),
            },
        };
        var response = await CallAsync("list networks", (c, ct) => c.Networks.ListNetworksAsync(parameters, ct), cancellationToken);
        return [.. response.Select(ToDetails)];
    }

    public async Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync($"remove network {idOrName}", (c, ct) => c.Networks.DeleteNetworkAsync(idOrName, ct), cancellationToken);
            LogNetworkRemoved(logger, idOrName);
        }
        catch (EngineRefusedException ex) when (ex.Refusal == EngineRefusal.NotFound)
        {
            // Already gone: that is what was asked.
        }
    }

    public async Task ConnectNetworkAsync(
        string containerId, string network, IReadOnlyList<string> aliases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var parameters = new NetworkConnectParameters
        {
            Container = containerId,
            EndpointConfig = new EndpointSettings { Aliases = [.. aliases] },
        };
        await CallAsync(
            $"connect container {Short(containerId)} to network {network}",
            (c, ct) => c.Networks.ConnectNetworkAsync(network, parameters, ct),
            cancellationToken);
    }

    private static NetworkDetails ToDetails(NetworkResponse response) => new()
    {
        Id = response.ID,
        Name = response.Name,
        Internal = response.Internal,
        HostUnreachable = response.Options is { } options && options.TryGetValue(InhibitIpv4, out var inhibit) && inhibit == "true",
        Subnets = [.. (response.IPAM?.Config ?? []).Select(c => c.Subnet).Where(s => !string.IsNullOrEmpty(s))],
        Labels = response.Labels is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>(response.Labels, StringComparer.Ordinal),
    };

    private const string InhibitIpv4 = "com.docker.network.bridge.inhibit_ipv4";

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported image {Image}")]
    private static partial void LogImported(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created network {NetworkName} (internal: {IsInternal})")]
    private static partial void LogNetworkCreated(ILogger logger, string networkName, bool isInternal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed network {NetworkName}")]
    private static partial void LogNetworkRemoved(ILogger logger, string networkName);
}
