using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// A real daemon whose every log line (Trace and up) is captured, so tests can prove a secret value is never logged.
/// Disposal deletes every workload.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-sec");
    private readonly CapturingLoggerProvider _logs = new();

    public DaemonHost Daemon { get; private set; } = null!;

    public HttpClient Api => Daemon.Client;

    public string Home => _home.Path;

    internal IReadOnlyCollection<string> LogLines => _logs.Lines;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        Daemon = await DaemonHost.StartAsync(TestPaths.In(_home), CancellationToken.None, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddFilter(_ => true);
            builder.Logging.AddProvider(_logs);
        });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var list = await Api.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
            foreach (var server in list.GetProperty("servers").EnumerateArray())
            {
                await Api.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}?force=true");
            }
        }
        finally
        {
            await Daemon.DisposeAsync();
            _home.Dispose();
        }
    }

    public async Task SetSecretAsync(string name, string value)
    {
        var response = await Api.PutAsJsonAsync($"api/v1beta/secrets/{name}", new { value }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Creates a workload and returns its proxy port, failing with the daemon's answer when it is not 201.</summary>
    public async Task<int> CreateRunningAsync(object request)
    {
        var response = await Api.PostAsJsonAsync("api/v1beta/servers", request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {text}\n{string.Join('\n', LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)))}");
        return JsonDocument.Parse(text).RootElement.GetProperty("port").GetInt32();
    }

    public static async Task<string> CallAsync(McpClient client, string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    /// <summary>`docker inspect` of a container.</summary>
    public static async Task<JsonElement> DockerInspectAsync(string containerId) =>
        JsonDocument.Parse(await DockerCli.RunAsync("inspect", containerId)).RootElement[0];
}
