using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>Secrets reach the workload as environment and nowhere else: not SQLite, logs, API answers or any argv.</summary>
public sealed class SecretInjectionTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    private readonly HttpClient _api = fixture.Api;

    [Fact]
    public async Task Create_WithSecret_ArrivesAsEnvAndValueAppearsNowhereElse()
    {
        var ct = TestContext.Current.CancellationToken;
        var secretName = ServersApiFixture.UniqueName("tok");
        var value = "sv-" + Guid.NewGuid().ToString("N");
        await fixture.SetSecretAsync(secretName, value);
        var name = ServersApiFixture.UniqueName("sec");

        var port = await fixture.CreateRunningAsync(new
        {
            image = TestImages.CSharpServer,
            name,
            env_vars = new[] { "PLAIN_SETTING=visible" },
            secrets = new[] { new { name = secretName, target = "API_TOKEN" } },
        });

        // The container's own output is checked before the tool below makes the workload itself print the value.
        Assert.DoesNotContain(value, await _api.GetStringAsync($"api/v1beta/servers/{name}/logs", ct), StringComparison.Ordinal);
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal(value, await SecurityFixture.CallAsync(client, "env_value", new() { ["name"] = "API_TOKEN" }));
            Assert.Contains("API_TOKEN", await SecurityFixture.CallAsync(client, "env_names"), StringComparison.Ordinal);
        }

        var listing = await _api.GetStringAsync($"api/v1beta/secrets", ct);
        Assert.Contains(secretName, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(value, listing, StringComparison.Ordinal);
        foreach (var path in new[] { "api/v1beta/servers", "api/v1beta/servers?all=true", $"api/v1beta/servers/{name}" })
        {
            Assert.DoesNotContain(value, await _api.GetStringAsync(path, ct), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(fixture.LogLines, line => line.Contains(value, StringComparison.Ordinal));
        Assert.NotEmpty(fixture.LogLines);

        // daemon.lock is empty, and this very process holds it exclusively (the fixture's daemon runs in-process).
        foreach (var file in Directory.EnumerateFiles(fixture.Home, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "daemon.lock"))
        {
            var bytes = await File.ReadAllBytesAsync(file, ct);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(value)), $"{file} holds the secret in plain text");
        }

        foreach (var cmdline in Directory.EnumerateDirectories("/proc").Select(dir => Path.Combine(dir, "cmdline")))
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(cmdline, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the process ended meanwhile
            }

            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        var info = await _api.GetFromJsonAsync<JsonElement>($"api/v1beta/servers/{name}", ct);
        var inspect = await SecurityFixture.DockerInspectAsync(info.GetProperty("id").GetString()!);
        foreach (var part in new[] { inspect.GetProperty("Path"), inspect.GetProperty("Args"), inspect.GetProperty("Config").GetProperty("Cmd"),
                     inspect.GetProperty("Config").GetProperty("Labels") })
        {
            Assert.DoesNotContain(value, part.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Restart_AfterSecretSet_WorkloadGetsNewValue()
    {
        var secretName = ServersApiFixture.UniqueName("rot");
        await fixture.SetSecretAsync(secretName, "first-value");
        var name = ServersApiFixture.UniqueName("rot");
        var port = await fixture.CreateRunningAsync(new
        {
            image = TestImages.CSharpServer,
            name,
            secrets = new[] { new { name = secretName, target = "ROTATED" } },
        });
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("first-value", await SecurityFixture.CallAsync(client, "env_value", new() { ["name"] = "ROTATED" }));
        }

        await fixture.SetSecretAsync(secretName, "second-value");
        var restart = await _api.PostAsync($"api/v1beta/servers/{name}/restart", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, restart.StatusCode);
        await using (var client = await McpProbe.ConnectAsync(port))
        {
            Assert.Equal("second-value", await SecurityFixture.CallAsync(client, "env_value", new() { ["name"] = "ROTATED" }));
        }
    }

    [Fact]
    public async Task Create_MissingSecret_Is400NamingItAndLeavesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("miss");
        var missing = ServersApiFixture.UniqueName("absent");

        var response = await _api.PostAsJsonAsync("api/v1beta/servers", new
        {
            image = TestImages.CSharpServer,
            name,
            secrets = new[] { new { name = missing, target = "X" } },
        }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(missing, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/servers/{name}", ct)).StatusCode);
    }

    [Fact]
    public async Task SecretsApi_SetGetListDelete_FollowsContract()
    {
        var ct = TestContext.Current.CancellationToken;
        var secretName = ServersApiFixture.UniqueName("api");

        await fixture.SetSecretAsync(secretName, "v1");
        var metadata = await _api.GetFromJsonAsync<JsonElement>($"api/v1beta/secrets/{secretName}", ct);
        var got = await _api.GetFromJsonAsync<JsonElement>($"api/v1beta/secrets/{secretName}?reveal=true", ct);
        var list = await _api.GetFromJsonAsync<JsonElement>("api/v1beta/secrets", ct);

        // Write-only by default: the value comes back only when asked for by name, and each reveal is logged.
        Assert.Equal(secretName, metadata.GetProperty("name").GetString());
        Assert.False(metadata.TryGetProperty("value", out _));
        Assert.False(metadata.GetProperty("revealed").GetBoolean());
        Assert.Equal(secretName, got.GetProperty("name").GetString());
        Assert.Equal("v1", got.GetProperty("value").GetString());
        Assert.Contains(fixture.LogLines, line => line.Contains($"Secret {secretName} revealed", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.LogLines, line => line.Contains("revealed", StringComparison.Ordinal) && line.Contains("v1 ", StringComparison.Ordinal));
        var entry = Assert.Single(list.GetProperty("secrets").EnumerateArray(), e => e.GetProperty("name").GetString() == secretName);
        Assert.False(entry.TryGetProperty("value", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"api/v1beta/secrets/{secretName}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.DeleteAsync($"api/v1beta/secrets/{secretName}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"api/v1beta/secrets/{secretName}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.PutAsJsonAsync("api/v1beta/secrets/bad%20name", new { value = "x" }, ct)).StatusCode);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
