using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Toolshed.Server.Secrets.Api;

namespace Toolshed.Cli.Secrets;

/// <summary>
/// The few calls `shed secret` makes to /api/v1beta/secrets. Self-contained on purpose, so it can move onto the shared
/// API client later. The value travels only in a request body or a response body, never in a URL.
/// </summary>
internal sealed class SecretsApiClient(Uri baseAddress) : IDisposable
{
    public const string ApiUrlVariable = "TOOLSHED_API_URL";
    public const string DefaultApiUrl = "http://127.0.0.1:8080";
    private readonly HttpClient _http = Create(baseAddress);

    private static HttpClient Create(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.ApiToken.Apply(http);
        return http;
    }

    public static SecretsApiClient FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable(ApiUrlVariable);
        var text = string.IsNullOrWhiteSpace(url) ? DefaultApiUrl : url.Trim();
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var address))
        {
            throw new SecretsApiException($"{ApiUrlVariable} '{text}' is not a URL; use e.g. {DefaultApiUrl}.", 2);
        }

        return new SecretsApiClient(address);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1beta/secrets"), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync(SecretsCliJsonContext.Default.SecretListResponse, cancellationToken);
        return [.. (body?.Secrets ?? []).Select(secret => secret.Name)];
    }

    public async Task<string> GetAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Path(name)), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync(SecretsCliJsonContext.Default.SecretValueResponse, cancellationToken);
        return body?.Value ?? throw new SecretsApiException("shed: the daemon answered without a value.", 1);
    }

    public async Task SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Path(name))
        {
            Content = JsonContent.Create(new SetSecretRequest { Value = value }, SecretsCliJsonContext.Default.SetSecretRequest),
        };
        using var response = await SendAsync(request, cancellationToken);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, Path(name)), cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static string Path(string name) => $"api/v1beta/secrets/{Uri.EscapeDataString(name)}";

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using (request)
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new SecretsApiException(
                $"shed: cannot reach the Toolshed daemon at {_http.BaseAddress}: {ex.Message} Start it with `shed serve`, or set {ApiUrlVariable}.", 1);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new SecretsApiException(await DescribeAsync(response, cancellationToken), response.StatusCode == HttpStatusCode.BadRequest ? 2 : 1);
        }
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(SecretsCliJsonContext.Default.ProblemDetails, cancellationToken);
        }
        catch (JsonException)
        {
            // Not problem details: fall back to the status line.
        }

        var message = $"shed: {problem?.Detail ?? $"the daemon answered {(int)response.StatusCode} {response.ReasonPhrase}."}";
        return problem?.Extensions.TryGetValue("hint", out var hint) == true && hint is not null ? $"{message}\n{hint}" : message;
    }
}
