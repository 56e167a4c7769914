using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>
/// One server whole, as `GET /api/v1beta/servers/{name}` and `shed inspect` show it: every ContainerInfo field, plus
/// what it was created with and how it has fared. Carries environment variable names and secret names, never values.
/// </summary>
public sealed record ServerDetails : ContainerInfo
{
    [JsonPropertyName("target_port")]
    public int? TargetPort { get; init; }

    /// <summary>The address its proxy binds to.</summary>
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    [JsonPropertyName("proxy_port")]
    public int ProxyPort { get; init; }

    [JsonPropertyName("cmd_arguments")]
    public required IReadOnlyList<string> CmdArguments { get; init; }

    /// <summary>The names of the plain environment variables it was given (values are not shown).</summary>
    [JsonPropertyName("env_var_names")]
    public required IReadOnlyList<string> EnvVarNames { get; init; }

    [JsonPropertyName("secrets")]
    public required IReadOnlyList<SecretParameter> Secrets { get; init; }

    /// <summary>Bind mounts as HOST_PATH:CONTAINER_PATH[:ro].</summary>
    [JsonPropertyName("volumes")]
    public required IReadOnlyList<string> Volumes { get; init; }

    /// <summary>"none", "network", or the permission profile object.</summary>
    [JsonPropertyName("permission_profile")]
    public required JsonElement PermissionProfile { get; init; }

    /// <summary>What the container may reach: none, all, or allow-list (then <see cref="Egress"/> says what).</summary>
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    [JsonPropertyName("egress")]
    public EgressAllowList? Egress { get; init; }

    [JsonPropertyName("memory_limit")]
    public long MemoryLimit { get; init; }

    [JsonPropertyName("pids_limit")]
    public long PidsLimit { get; init; }

    /// <summary>Whether a Cedar policy gates its calls.</summary>
    [JsonPropertyName("authz")]
    public bool Authz { get; init; }

    [JsonPropertyName("oidc")]
    public OidcOptions? Oidc { get; init; }

    /// <summary>For a package workload: the package as resolved; null for an image (Toolshed extension).</summary>
    [JsonPropertyName("package")]
    public PackageInfo? Package { get; init; }

    /// <summary>For a remote workload: its server, headers by name and sign-in; null for one that runs here (Toolshed extension).</summary>
    [JsonPropertyName("remote")]
    public RemoteInfo? Remote { get; init; }

    /// <summary>The tools clients see, by the name they see; null: all (Toolshed extension).</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Per server tool name, the name and/or description clients see instead (Toolshed extension).</summary>
    [JsonPropertyName("tools_override")]
    public IReadOnlyDictionary<string, ToolOverrideOptions>? ToolsOverride { get; init; }

    /// <summary>MCP sessions open with the workload's endpoint now (a group holds one per client per member); null when it is not served.</summary>
    [JsonPropertyName("sessions")]
    public int? Sessions { get; init; }

    /// <summary>The MCP revisions its endpoint serves, and the one its server speaks (the proxy translates between
    /// them); null when it is not served.</summary>
    [JsonPropertyName("mcp_protocols")]
    public McpProtocols? Protocols { get; init; }

    /// <summary>The registry entry it came from (registry/server), when it came from one.</summary>
    [JsonPropertyName("registry_server")]
    public string? RegistryServer { get; init; }

    [JsonPropertyName("desired_state")]
    public required string DesiredState { get; init; }

    /// <summary>Whether the server has answered an MCP initialize through its proxy since it last started.</summary>
    [JsonPropertyName("ready")]
    public bool Ready { get; init; }

    [JsonPropertyName("restart_count")]
    public int RestartCount { get; init; }

    [JsonPropertyName("last_exit_code")]
    public long? LastExitCode { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its container last started; null when it has not started.</summary>
    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; init; }
}
