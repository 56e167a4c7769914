using System.Globalization;
using ContainerSpec = Toolshed.Runtime.Docker.Engine.ContainerSpec;
using Docker.DotNet.Models;
using Toolshed.Runtime.Docker.Engine;

namespace Toolshed.Runtime.Docker;

/// <summary>Translates a <see cref="ContainerSpec"/> into the engine's create parameters, security defaults included.</summary>
internal static class ContainerSpecMapper
{
    public static CreateContainerParameters ToCreateParameters(ContainerSpec spec)
    {
        var exposedPorts = new Dictionary<string, EmptyStruct>();
        var portBindings = new Dictionary<string, IList<PortBinding>>();
        foreach (var binding in spec.PortBindings)
        {
            var key = binding.ContainerPort.ToString(CultureInfo.InvariantCulture) + "/tcp";
            exposedPorts[key] = default;
            if (!portBindings.TryGetValue(key, out var list))
            {
                list = [];
                portBindings[key] = list;
            }

            list.Add(new PortBinding
            {
                HostIP = binding.HostIp,
                // An empty host port asks the engine to choose one.
                HostPort = binding.HostPort == 0 ? "" : binding.HostPort.ToString(CultureInfo.InvariantCulture),
            });
        }

        var hostConfig = new HostConfig
        {
            NetworkMode = string.IsNullOrWhiteSpace(spec.NetworkMode) ? "none" : spec.NetworkMode,
            Binds = [.. spec.Mounts.Select(m => $"{m.HostPath}:{m.ContainerPath}:{(m.ReadOnly ? "ro" : "rw")}")],
            PortBindings = portBindings,
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            Init = spec.Init,
            ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
        };
        if (spec.MemoryLimitBytes is { } memory)
        {
            hostConfig.Memory = memory;
        }

        if (spec.PidsLimit is { } pids)
        {
            hostConfig.PidsLimit = pids;
        }

        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Env = [.. spec.Environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = new Dictionary<string, string>(spec.Labels),
            ExposedPorts = exposedPorts,
            Tty = false,
            OpenStdin = spec.OpenStdin,
            StdinOnce = false,
            AttachStdin = spec.OpenStdin,
            AttachStdout = true,
            AttachStderr = true,
            HostConfig = hostConfig,
        };
        if (spec.User is not null)
        {
            parameters.User = spec.User;
        }

        if (spec.NetworkAliases.Count > 0 && hostConfig.NetworkMode is not ("none" or "bridge" or "host"))
        {
            parameters.NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [hostConfig.NetworkMode] = new EndpointSettings { Aliases = [.. spec.NetworkAliases] },
                },
            };
        }

        if (spec.Arguments.Count > 0)
        {
            parameters.Cmd = [.. spec.Arguments];
        }

        return parameters;
    }
}
