using System.Diagnostics;
using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Remote;

/// <summary>
/// tests/clients/oauth/remote.mjs running: a real authorization server (oidc-provider) and a bearer-checking front of
/// the everything MCP server, on loopback ports it picked, with a control API for the test.
/// </summary>
internal sealed class OAuthRemote : IAsyncDisposable
{
    private readonly Process _process;

    private OAuthRemote(Process process, JsonElement urls)
    {
        _process = process;
        Remote = urls.GetProperty("remote").GetString()!;
        WrongAudience = urls.GetProperty("wrong").GetString()!;
        Keyed = urls.GetProperty("keyed").GetString()!;
        PointsAtMetadataAddress = urls.GetProperty("ssrf").GetString()!;
        TokenEndpointAtMetadataAddress = urls.GetProperty("ssrfToken").GetString()!;
        LegacySse = urls.GetProperty("sse").GetString()!;
        Control = urls.GetProperty("control").GetString()!;
    }

    /// <summary>The everything server behind OAuth (Streamable HTTP).</summary>
    public string Remote { get; }

    /// <summary>Behind OAuth too, but its authorization server gives tokens for another audience.</summary>
    public string WrongAudience { get; }

    /// <summary>Takes only the X-Api-Key the remote was started with.</summary>
    public string Keyed { get; }

    /// <summary>Answers 401 with metadata naming an authorization server on the link-local metadata address.</summary>
    public string PointsAtMetadataAddress { get; }

    /// <summary>Answers 401; its authorization server's metadata puts the token endpoint on the metadata address.</summary>
    public string TokenEndpointAtMetadataAddress { get; }

    /// <summary>The everything server over the legacy HTTP+SSE transport, no authorization.</summary>
    public string LegacySse { get; }

    public string Control { get; }

    public static string Browser => RepositoryPaths.Combine("tests", "clients", "oauth", "browser.sh");

    public static async Task<OAuthRemote> StartAsync(CancellationToken cancellationToken, string? apiKey = null)
    {
        var start = new ProcessStartInfo("node", RepositoryPaths.Combine("tests", "clients", "oauth", "remote.mjs"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["REMOTE_API_KEY"] = apiKey ?? "" },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("remote.mjs ended before saying where it listens");
        return new OAuthRemote(process, JsonDocument.Parse(line).RootElement.Clone());
    }

    public async Task<JsonElement> StatsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync($"{Control}/stats", cancellationToken)).RootElement.Clone();
    }

    public async Task PostAsync(string action, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{Control}/{action}", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
