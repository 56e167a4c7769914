using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Toolshed.Cli.Output;
using Toolshed.Cli.Registry;
using Toolshed.Cli.Secrets;
using Toolshed.Clients;
using Toolshed.Server.Clients.Api;
using Toolshed.Server.Secrets.Api;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Api;

/// <summary>
/// The daemon's REST API, typed. Every failure (unreachable daemon, problem+json answer, unreadable body) surfaces as
/// a <see cref="CliException"/> whose message is the one sentence shown to the user.
/// </summary>
public sealed class ToolshedApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ApiTimeouts _timeouts;

    /// <summary>A client for the daemon at <paramref name="baseUrl"/>; build one with <see cref="DaemonApi"/>.</summary>
    internal ToolshedApiClient(Uri baseUrl, ApiCredential? credential, ApiTimeouts timeouts, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(timeouts);
        BaseUrl = baseUrl;
        _timeouts = timeouts;
        // Each call gets its own budget (see ApiTimeouts), so the client itself never times out.
        _http = new HttpClient(new ApiCredentialHandler(baseUrl, credential) { InnerHandler = handler ?? new SocketsHttpHandler() })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseUrl { get; }

    /// <summary>The underlying client, for talking MCP to a workload's proxy.</summary>
    internal HttpClient Http => _http;

    /// <summary>The budgets this client's calls get.</summary>
    internal ApiTimeouts Timeouts => _timeouts;

    private static CliJsonContext Json => CliJsonContext.Default;

    /// <summary>
    /// Asks GET /health. Any HTTP answer means a daemon listens (an unhealthy one still explains itself on the real
    /// call); only no answer at all is <see cref="DaemonHealth.Unreachable"/>.
    /// </summary>
    public async Task<DaemonHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeouts.Health);
        try
        {
            using var response = await _http.GetAsync(new Uri(BaseUrl, "health"), timeout.Token);
            return response.IsSuccessStatusCode ? DaemonHealth.Healthy : DaemonHealth.Unhealthy;
        }
        catch (HttpRequestException)
        {
            return DaemonHealth.Unreachable;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DaemonHealth.Unreachable;
        }
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListServersAsync(bool all, CancellationToken cancellationToken) =>
        (await GetAsync(all ? "api/v1beta/servers?all=true" : "api/v1beta/servers", Json.ServerListResponse, cancellationToken)).Servers ?? [];

    public Task<ServerDetails> GetServerAsync(string name, CancellationToken cancellationToken) =>
        GetAsync($"api/v1beta/servers/{Escape(name)}", Json.ServerDetails, cancellationToken);

    public async Task<CreateServerResponse> CreateServerAsync(CreateServerRequest request, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(request, Json.CreateServerRequest);
        return await SendAsync(HttpMethod.Post, "api/v1beta/servers", content, Json.CreateServerResponse, cancellationToken, _timeouts.Workload);
    }

    public Task StopServerAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1beta/servers/{Escape(name)}/stop", null, cancellationToken);

    public Task RestartServerAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1beta/servers/{Escape(name)}/restart", null, cancellationToken, _timeouts.Workload);

    public Task DeleteServerAsync(string name, bool force, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/v1beta/servers/{Escape(name)}{(force ? "?force=true" : "")}", null, cancellationToken, _timeouts.Workload);

    public Task<SignInInfo> GetSignInAsync(string name, int waitSeconds, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Get, $"api/v1beta/servers/{Escape(name)}/auth?wait={waitSeconds}", null, Json.SignInInfo, cancellationToken,
            _timeouts.Request + TimeSpan.FromSeconds(waitSeconds));

    public Task<SignInStarted> BeginSignInAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1beta/servers/{Escape(name)}/auth/login", null, Json.SignInStarted, cancellationToken);

    public Task<ToolsConfig> GetToolsAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1beta/servers/{Escape(name)}/tools", null, Json.ToolsConfig, cancellationToken);

    public Task<ToolsConfig> SetToolsAsync(string name, ToolsConfig tools, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Put, $"api/v1beta/servers/{Escape(name)}/tools", JsonContent.Create(tools, Json.ToolsConfig), Json.ToolsConfig, cancellationToken,
            _timeouts.Workload);

    public Task SignOutAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1beta/servers/{Escape(name)}/auth/logout", null, cancellationToken);

    public async Task<string> GetLogsAsync(string name, int tail, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"api/v1beta/servers/{Escape(name)}/logs?tail={tail}", null, _timeouts.Request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<string> GetAuditAsync(string name, int tail, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"api/v1beta/servers/{Escape(name)}/audit?tail={tail}", null, _timeouts.Request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RegistrySummary>> ListRegistriesAsync(CancellationToken cancellationToken) =>
        (await GetAsync("api/v1beta/registry", Json.RegistryListResponse, cancellationToken)).Registries ?? [];

    public Task<RegistryDetails> GetRegistryAsync(string name, CancellationToken cancellationToken) =>
        GetAsync($"api/v1beta/registry/{Escape(name)}", Json.RegistryDetails, cancellationToken);

    public async Task<IReadOnlyList<RegistryServerView>> ListRegistryServersAsync(string registry, CancellationToken cancellationToken) =>
        (await GetAsync($"api/v1beta/registry/{Escape(registry)}/servers", Json.RegistryServersResponse, cancellationToken)).Servers ?? [];

    /// <summary>Every registry searched by the daemon, best matches first.</summary>
    public Task<SearchResponse> SearchRegistriesAsync(string query, CancellationToken cancellationToken) =>
        GetAsync($"api/v1beta/registry/-/search?q={Uri.EscapeDataString(query)}&limit=500", Json.SearchResponse, cancellationToken);

    public async Task<RegistryServerView> GetRegistryServerAsync(string registry, string server, CancellationToken cancellationToken) =>
        (await GetAsync($"api/v1beta/registry/{Escape(registry)}/servers/{Escape(server)}", Json.RegistryServerResponse, cancellationToken)).Server
        ?? throw new CliException($"The daemon's answer for server '{server}' of registry '{registry}' had no server in it.");

    public async Task AddRegistryAsync(AddRegistryRequest request, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(request, Json.AddRegistryRequest);
        await SendAsync(HttpMethod.Post, "api/v1beta/registry", content, cancellationToken);
    }

    public Task RemoveRegistryAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/v1beta/registry/{Escape(name)}", null, cancellationToken);

    /// <summary>Every known client, as installed and registered for <paramref name="home"/> (the user running shed).</summary>
    public async Task<IReadOnlyList<ClientStatus>> DiscoverClientsAsync(ClientHome home, CancellationToken cancellationToken) =>
        (await GetAsync($"api/v1beta/discovery/clients{HomeQuery(home)}", ClientsCliJsonContext.Default.ClientListResponse, cancellationToken)).Clients ?? [];

    public Task<ClientChangeResponse> RegisterClientAsync(string name, ClientHome home, CancellationToken cancellationToken, string? group = null) =>
        SendAsync(
            HttpMethod.Post,
            $"api/v1beta/clients/{Escape(name)}{HomeQuery(home)}{(group is null ? "" : "&group=" + Uri.EscapeDataString(group))}",
            null, ClientsCliJsonContext.Default.ClientChangeResponse, cancellationToken);

    public Task RemoveClientAsync(string name, ClientHome home, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/v1beta/clients/{Escape(name)}{HomeQuery(home)}", null, cancellationToken);

    /// <summary>The client calls name the home whose configs they are about, so the daemon edits this user's files.</summary>
    private static string HomeQuery(ClientHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var query = new System.Text.StringBuilder("?home=").Append(Escape(home.Home));
        if (home.XdgConfigHome is { } xdg)
        {
            query.Append("&xdg_config_home=").Append(Escape(xdg));
        }

        if (home.AppData is { } appData)
        {
            query.Append("&appdata=").Append(Escape(appData));
        }

        if (home.Uid is { } uid)
        {
            query.Append("&uid=").Append(uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }

    public async Task<IReadOnlyList<string>> ListSecretsAsync(CancellationToken cancellationToken) =>
        [.. ((await GetAsync("api/v1beta/secrets", SecretsCliJsonContext.Default.SecretListResponse, cancellationToken)).Secrets ?? [])
            .Select(secret => secret.Name)];

    /// <summary>The secret's value: asks with reveal=true, which the daemon logs.</summary>
    public async Task<string> RevealSecretAsync(string name, CancellationToken cancellationToken) =>
        (await GetAsync($"api/v1beta/secrets/{Escape(name)}?reveal=true", SecretsCliJsonContext.Default.SecretValueResponse, cancellationToken)).Value
        ?? throw new CliException($"The daemon answered without the value of secret '{name}'; check that shed and the daemon are the same version.");

    public async Task SetSecretAsync(string name, string value, CancellationToken cancellationToken)
    {
        // The value travels in the body only, never in a URL.
        using var content = JsonContent.Create(new SetSecretRequest { Value = value }, SecretsCliJsonContext.Default.SetSecretRequest);
        await SendAsync(HttpMethod.Put, $"api/v1beta/secrets/{Escape(name)}", content, cancellationToken);
    }

    public Task DeleteSecretAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/v1beta/secrets/{Escape(name)}", null, cancellationToken);

    public void Dispose() => _http.Dispose();

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    private Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, type, cancellationToken);

    /// <summary>Sends a request that answers nothing to read; a failure is a <see cref="CliException"/>.</summary>
    internal async Task SendAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        using var response = await SendRawAsync(method, path, content, budget ?? _timeouts.Request, cancellationToken);
    }

    /// <summary>Sends a request and reads its JSON answer; a failure or an unreadable answer is a <see cref="CliException"/>.</summary>
    internal async Task<T> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        using var response = await SendRawAsync(method, path, content, budget ?? _timeouts.Request, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new CliException($"The daemon sent an empty answer to {method} /{path}; is TOOLSHED_API_URL pointing at a Toolshed daemon?");
        }
        catch (JsonException ex)
        {
            throw new CliException($"The daemon's answer to {method} /{path} is not the JSON shed expects ({ex.Message}); check that shed and the daemon are the same version.", ex);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, HttpContent? content, TimeSpan budget, CancellationToken cancellationToken)
    {
        var response = await SendUncheckedAsync(method, path, content, HttpCompletionOption.ResponseContentRead, budget, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new CliException(ProblemMessage.From(response.StatusCode, body));
        }
    }

    /// <summary>
    /// Sends a request and returns its answer whatever the status, within <paramref name="budget"/> (with
    /// ResponseContentRead the whole body; with ResponseHeadersRead the headers, the body left to stream, see
    /// <see cref="ImagesApiClient"/>). Unreachable and too slow are each a <see cref="CliException"/> that says what to do.
    /// </summary>
    internal async Task<HttpResponseMessage> SendUncheckedAsync(
        HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path)) { Content = content };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            return await _http.SendAsync(request, completion, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the Toolshed daemon at {BaseUrl} ({ex.Message}); start it with `shed serve` or set {ApiEndpoint.EnvironmentVariable}.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                $"The Toolshed daemon at {BaseUrl} did not answer {method} /{path} within {ApiTimeouts.Describe(budget)}; see its log (`shed daemon status`), then try again.", ex);
        }
    }
}
