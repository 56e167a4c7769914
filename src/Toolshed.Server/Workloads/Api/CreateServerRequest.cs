using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toolshed.Server.Workloads.Api;

/// <summary>POST /api/v1beta/servers: create and start a server. Field names as in the API reference.</summary>
[Description("Create server request")]
public sealed record CreateServerRequest
{
    /// <summary>A string (an absolute path on the daemon's host, or the config's JSON/YAML text) or the config as a
    /// JSON object.</summary>
    [JsonPropertyName("authz_config"), Description("Authorization configuration: a Cedar config (ToolHive format) as a JSON object, its text, or an absolute path to it on the daemon's host")]
    public JsonElement? AuthzConfig { get; init; }

    [JsonPropertyName("cmd_arguments"), Description("Command arguments to pass to the container")]
    public IReadOnlyList<string>? CmdArguments { get; init; }

    [JsonPropertyName("env_vars"), Description("Environment variables to set in the container")]
    public IReadOnlyList<string>? EnvVars { get; init; }

    [JsonPropertyName("host"), Description("Host to bind to")]
    public string? Host { get; init; }

    [JsonPropertyName("image"), Description("Docker image to use, a registry server's name, or a package: npx://[@scope/]name[@version], uvx://name[@version], go://module[@version], or a local source directory (npx:///abs/dir)")]
    public string? Image { get; init; }

    [JsonPropertyName("build_secrets"), Description("Toolshed extension: for a package, stored secrets its build needs as installer credentials files (target npmrc, pip.conf or netrc); only the build's install stage sees them")]
    public IReadOnlyList<SecretParameter>? BuildSecrets { get; init; }

    [JsonPropertyName("registry_arguments"), Description("Toolshed extension: values for a registry server's argument placeholders (x-toolshed-arguments), by name; each stays one argv element")]
    public IReadOnlyDictionary<string, string>? RegistryArguments { get; init; }

    [JsonPropertyName("runtime_image"), Description("Toolshed extension: for a package, the image to build on and run from instead of the ecosystem's default (node, python, golang)")]
    public string? RuntimeImage { get; init; }

    [JsonPropertyName("url"), Description("Toolshed extension: a remote MCP server's URL (https, or http on loopback) to serve instead of running an image; transport then names the remote's transport (absent: detected)")]
    public string? Url { get; init; }

    [JsonPropertyName("headers"), Description("Toolshed extension: for a remote, headers sent with every request to it, 'Name: value', where the value may reference stored secrets as {secret:NAME}")]
    public IReadOnlyList<string>? Headers { get; init; }

    [JsonPropertyName("oauth_config"), Description("Toolshed extension: for a remote, how to sign in when it answers 401 (all optional: discovery and dynamic registration otherwise)")]
    public OAuthConfigOptions? OAuthConfig { get; init; }

    [JsonPropertyName("tools"), Description("Toolshed extension: the tools clients see, by the name they see (absent: all); changeable later with PUT /api/v1beta/servers/{name}/tools")]
    public IReadOnlyList<string>? Tools { get; init; }

    [JsonPropertyName("tools_override"), Description("Toolshed extension: per server tool name, the name and/or description clients see instead (applied before tools)")]
    public IReadOnlyDictionary<string, ToolOverrideOptions>? ToolsOverride { get; init; }

    [JsonPropertyName("group"), Description("Toolshed extension: a group the new server joins (last in its order) once it is created; the group must exist")]
    public string? Group { get; init; }

    [JsonPropertyName("name"), Description("Name of the server")]
    public string? Name { get; init; }

    [JsonPropertyName("oidc"), Description("OIDC configuration options")]
    public OidcOptions? Oidc { get; init; }

    /// <summary>A string ("none", "network", a profile's JSON text, or an absolute path to one on the daemon's host)
    /// or the profile as a JSON object.</summary>
    [JsonPropertyName("permission_profile"), Description("Permission profile to apply: \"none\", \"network\", a profile as a JSON object, its JSON text, or an absolute path to it on the daemon's host")]
    public JsonElement? PermissionProfile { get; init; }

    [JsonPropertyName("secrets"), Description("Secret parameters to inject")]
    public IReadOnlyList<SecretParameter>? Secrets { get; init; }

    [JsonPropertyName("target_port"), Description("Port to expose from the container")]
    public int? TargetPort { get; init; }

    [JsonPropertyName("transport"), Description("Transport configuration")]
    public string? Transport { get; init; }

    [JsonPropertyName("volumes"), Description("Volume mounts")]
    public IReadOnlyList<string>? Volumes { get; init; }

    /// <summary>Toolshed extension: the host port for the proxy (0 or absent: choose a free one).</summary>
    [JsonPropertyName("proxy_port"), Description("Host port for the workload's proxy; absent or 0 picks a free port")]
    public int? ProxyPort { get; init; }

    // Toolshed extension: resource limits (defaults 1 GiB and 512 processes).
    [JsonPropertyName("memory_limit"), Description("Memory limit of the container: bytes, or a number with k, m or g (default 1g)")]
    public string? MemoryLimit { get; init; }

    /// <summary>Toolshed extension: binds of sensitive host paths (/, the engine's socket, Toolshed's state, /proc,
    /// /sys, /dev, /boot, or a directory holding one) are refused unless this is true.</summary>
    [JsonPropertyName("allow_sensitive_mounts"), Description("Allow volumes and profile paths that expose the host: /, the container engine's socket, Toolshed's state, /proc, /sys, /dev, /boot, or a directory containing one")]
    public bool? AllowSensitiveMounts { get; init; }

    // Toolshed extension.
    [JsonPropertyName("pids_limit"), Description("Most processes and threads the container may run (default 512)")]
    public long? PidsLimit { get; init; }
}
