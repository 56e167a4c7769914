using System.Text.Json;
using Toolshed.Core.Remote;
using Toolshed.Core.Runtime;
using Toolshed.Core.Workloads;
using Toolshed.Remote;
using Toolshed.Remote.OAuth;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Workloads;

/// <summary>A workload whole, as `GET /api/v1beta/servers/{name}` shows it; names of variables and secrets only.</summary>
internal static class ServerDetailsMapper
{
    public static ServerDetails Map(
        WorkloadRecord record, WorkloadInstance? container, WorkloadDefinition definition, RuntimeDescription description,
        RemoteSignInStatus? signIn = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(description);
        var info = ContainerInfoMapper.Map(record, container, description);
        var spec = record.Spec;
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
            PermissionProfile = ProfileOf(definition),
            Network = description.Network,
            Egress = definition.AllowList is null ? null : AllowListOf(definition),
            MemoryLimit = description.MemoryLimitBytes,
            PidsLimit = description.PidsLimit,
            Authz = spec.AuthzConfig is not null,
            Oidc = spec.Oidc is { } oidc
                ? new OidcOptions { Issuer = oidc.Issuer, Audience = oidc.Audience, JwksUrl = oidc.JwksUrl, ClientId = oidc.ClientId }
                : null,
            RegistryServer = spec.RegistryServer,
            Remote = spec.Remote is { } remote ? RemoteOf(spec, remote, container, signIn) : null,
            Tools = spec.Tools?.Allow,
            ToolsOverride = ToolsConfigMapper.Show(spec.Tools).ToolsOverride,
            Package = spec.Package is { } package
                ? new PackageInfo
                {
                    Reference = package.Reference,
                    Version = package.Version,
                    Command = package.Command,
                    RuntimeImage = package.RuntimeImage,
                    BuiltImage = description.PackageArtifact,
                }
                : null,
            DesiredState = record.DesiredState == WorkloadDesiredState.Stopped ? "stopped" : "running",
            RestartCount = record.RestartCount,
            LastExitCode = record.LastExitCode,
            CreatedAt = record.CreatedAt,
            StartedAt = container?.StartedAt,
        };
    }

    private static RemoteInfo RemoteOf(WorkloadSpec spec, RemoteServerSpec remote, WorkloadInstance? container, RemoteSignInStatus? signIn) => new()
    {
        Url = remote.Url.ToString(),
        Transport = ContainerInfoMapper.TransportOf(spec, container),
        TransportDetected = remote.Transport is null,
        HeaderNames = [.. remote.Headers.Select(h => h.Name)],
        OAuthConfig = remote.OAuth is { } oauth
            ? new OAuthConfigOptions
            {
                ClientId = oauth.ClientId,
                ClientSecret = oauth.ClientSecretName,
                ClientMetadataUrl = oauth.ClientMetadataUrl?.ToString(),
                Scopes = oauth.Scopes.Count == 0 ? null : oauth.Scopes,
                CallbackPort = oauth.CallbackPort == 0 ? null : oauth.CallbackPort,
                AllowedPrivateHosts = oauth.AllowedPrivateHosts.Count == 0 ? null : oauth.AllowedPrivateHosts,
            }
            : null,
        SignIn = SignInOf(signIn),
    };

    public static SignInInfo SignInOf(RemoteSignInStatus? status) => new()
    {
        State = status?.State switch
        {
            SignInState.SignedIn => "signed_in",
            SignInState.NeedsSignIn => "needs_sign_in",
            _ => "not_required",
        },
        Reason = status?.Reason,
        Issuer = status?.Issuer,
        Scope = status?.Scope,
        ExpiresAt = status?.ExpiresAt,
        Pending = status?.Pending ?? false,
    };

    private static JsonElement ProfileOf(WorkloadDefinition definition)
    {
        var spec = definition.Spec;
        if (spec.PermissionProfile is PermissionProfileParser.None or PermissionProfileParser.Network)
        {
            return JsonSerializer.SerializeToElement(spec.PermissionProfile, PermissionProfileJsonContext.Default.String);
        }

        return JsonSerializer.SerializeToElement(definition.Permissions, PermissionProfileJsonContext.Default.RegistryPermissions);
    }

    private static EgressAllowList AllowListOf(WorkloadDefinition definition)
    {
        var outbound = definition.Permissions.Network.Outbound;
        return new EgressAllowList(outbound.AllowHost, outbound.AllowPort);
    }
}
