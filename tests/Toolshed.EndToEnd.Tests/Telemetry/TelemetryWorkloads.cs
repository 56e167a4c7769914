using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Telemetry;

/// <summary>The C# test server as a stdio workload of a daemon under test, created and removed through its API.</summary>
internal static class TelemetryWorkloads
{
    /// <summary>Creates the workload and returns its proxy's port, failing with the daemon's answer unless it is 201.</summary>
    public static async Task<int> CreateAsync(DaemonProcess daemon, string name, CancellationToken cancellationToken)
    {
        using var created = await daemon.Client.PostAsJsonAsync("api/v1beta/servers", new { image = TestImages.CSharpServer, name }, cancellationToken);
        var body = await created.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create {name} answered {(int)created.StatusCode}: {body}\n{daemon.Output}");
        return JsonDocument.Parse(body).RootElement.GetProperty("port").GetInt32();
    }

    /// <summary>Removes every workload of the daemon (its containers are global: they must not outlive the test).</summary>
    public static async Task DeleteAllAsync(DaemonProcess daemon)
    {
        var list = await daemon.Client.GetFromJsonAsync<JsonElement>("api/v1beta/servers?all=true");
        foreach (var server in list.GetProperty("servers").EnumerateArray())
        {
            using var deleted = await daemon.Client.DeleteAsync($"api/v1beta/servers/{server.GetProperty("name").GetString()}?force=true");
        }
    }
}
