using System.Text.Json;
using Toolshed.Core.Workloads;
using Toolshed.Runtime.Docker.Engine;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Egress;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>A workload whole, as `GET /api/v1beta/servers/{name}` shows it; names of variables and secrets only.</summary>
internal static class ServerDetailsMapper
{
    public static ServerDetails Map(WorkloadRecord record, ContainerDetails? container, string instanceId)
    {
        var info = ContainerInfoMapper.Map(record, container, instanceId);
        var spec = record.Spec;
        var egress = ContainerSpecFactory.EgressPolicyOf(spec);
        return new ServerDetails
        {
            Created = info.Created,
            Id = info.Id,
            Image = info.Image,
            Labels = info.Labels,
            Name = info.Name,
            Ports = info.Ports,
            State = info.State,
            Status = info.Status,
            Url = info.Url,
            SseUrl = info.SseUrl,
            Transport = info.Transport,
            TargetPort = spec.TargetPort,
            Host = spec.Host,
            ProxyPort = spec.ProxyPort,
            CmdArguments = spec.Arguments,
            EnvVarNames = [.. spec.Environment.Keys.Order(StringComparer.Ordinal)],
            Secrets = [.. spec.Secrets.Select(s => new SecretParameter { Name = s.Name, Target = s.Target })],
            Volumes = [.. spec.Volumes.Select(v => $"{v.HostPath}:{v.ContainerPath}{(v.ReadOnly ? ":ro" : "")}")],
            PermissionProfile = ProfileOf(spec),
            Network = egress is not null ? "allow-list" : ContainerSpecFactory.NetworkModeOf(spec) == "none" ? "none" : "all",
            Egress = egress is null ? null : AllowListOf(spec),
            MemoryLimit = spec.MemoryLimitBytes ?? ContainerSpecFactory.DefaultMemoryLimitBytes,
            PidsLimit = spec.PidsLimit ?? ContainerSpecFactory.DefaultPidsLimit,
            Authz = spec.AuthzConfig is not null,
            Oidc = spec.Oidc is { } oidc
                ? new OidcOptions { Issuer = oidc.Issuer, Audience = oidc.Audience, JwksUrl = oidc.JwksUrl, ClientId = oidc.ClientId }
                : null,
            RegistryServer = spec.RegistryServer,
            DesiredState = record.DesiredState == WorkloadDesiredState.Stopped ? "stopped" : "running",
            RestartCount = record.RestartCount,
            LastExitCode = record.LastExitCode,
            CreatedAt = record.CreatedAt,
            StartedAt = container?.StartedAt,
        };
    }

    private static JsonElement ProfileOf(WorkloadSpec spec)
    {
        if (spec.PermissionProfile is PermissionProfileParser.None or PermissionProfileParser.Network)
        {
            return JsonSerializer.SerializeToElement(spec.PermissionProfile, PermissionProfileJsonContext.Default.String);
        }

        return JsonSerializer.SerializeToElement(PermissionProfileParser.Parse(spec.PermissionProfile), PermissionProfileJsonContext.Default.RegistryPermissions);
    }

    private static EgressAllowList AllowListOf(WorkloadSpec spec)
    {
        var outbound = PermissionProfileParser.Parse(spec.PermissionProfile).Network.Outbound;
        return new EgressAllowList(outbound.AllowHost, outbound.AllowPort);
    }
}
