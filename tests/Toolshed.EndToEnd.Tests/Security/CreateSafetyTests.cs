using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Toolshed.EndToEnd.Tests.Servers;
using Toolshed.Testing;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// What a create request may not do to the machine, against a real daemon and engine: bind sensitive host paths
/// without asking by name, make the daemon read FIFOs, devices or huge files, knock it over with deep nesting, pass
/// loosely typed or impossible fields, or take over a container it does not own. Every refusal leaves nothing behind.
/// </summary>
public sealed class CreateSafetyTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    private const int Deep = 100_000;
    private readonly HttpClient _api = fixture.Api;

    public static TheoryData<string> SensitiveHostPaths => ["/", "/var/run/docker.sock", "/run/docker.sock", "/var/run", "STATE", "HOME", "/proc/1", "/sys", "/dev/null", "/boot"];

    [Theory]
    [MemberData(nameof(SensitiveHostPaths))]
    public async Task Create_SensitiveVolumeWithoutOptIn_Is400NamingThePathAndTheOptIn(string hostPath)
    {
        hostPath = Resolve(hostPath);
        var name = ServersApiFixture.UniqueName("mount");

        var problem = await RefusedAsync(name, new { image = TestImages.Everything, name, volumes = new[] { $"{hostPath}:/mnt/host:ro" } }, HttpStatusCode.BadRequest);

        Assert.Equal("volumes", problem.GetProperty("field").GetString());
        Assert.Contains(hostPath, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"allow_sensitive_mounts\": true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SensitiveHostPaths))]
    public async Task Create_SensitiveProfilePathWithoutOptIn_Is400(string hostPath)
    {
        hostPath = Resolve(hostPath);
        var name = ServersApiFixture.UniqueName("profile");

        var problem = await RefusedAsync(
            name, new { image = TestImages.Everything, name, permission_profile = new { read = new[] { $"{hostPath}:/mnt/host" } } }, HttpStatusCode.BadRequest);

        Assert.Equal("permission_profile", problem.GetProperty("field").GetString());
        Assert.Contains("allow_sensitive_mounts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SensitiveMountsWithOptIn_AreAcceptedWarnedAndAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = ServersApiFixture.UniqueName("optin");
        var paths = new[] { "/", "/var/run/docker.sock", Resolve("STATE"), "/proc/1", "/sys", "/dev/null", "/boot" };
        var volumes = paths.Select((path, i) => $"{path}:/mnt/host{i}:ro").ToArray();

        await fixture.CreateRunningAsync(new { image = TestImages.Everything, name, volumes, allow_sensitive_mounts = true });

        var audit = await _api.GetStringAsync($"api/v1beta/servers/{name}/audit", ct);
        var lines = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        foreach (var path in paths)
        {
            Assert.Contains(lines, line => line.GetProperty("method").GetString() == "toolshed/create"
                && line.GetProperty("name").GetString() == path
                && line.GetProperty("note").GetString()!.Contains("allow_sensitive_mounts", StringComparison.Ordinal));
            Assert.Contains(fixture.LogLines, line => line.StartsWith("Warning", StringComparison.Ordinal)
                && line.Contains(name, StringComparison.Ordinal) && line.Contains($"HostPath={path} ", StringComparison.Ordinal));
        }

        // The opt-in travels with the stored spec: recreating the container (restart) binds them again.
        using var restarted = await _api.PostAsync($"api/v1beta/servers/{name}/restart", null, ct);
        Assert.Equal(HttpStatusCode.NoContent, restarted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"api/v1beta/servers/{name}", ct)).StatusCode);
    }

    public static TheoryData<string, string> UnsafeFiles => new()
    {
        { "fifo", "authz_config" }, { "/dev/zero", "authz_config" }, { "2mib", "authz_config" },
        { "fifo", "permission_profile" }, { "/dev/zero", "permission_profile" }, { "2mib", "permission_profile" },
    };

    [Theory]
    [MemberData(nameof(UnsafeFiles))]
    public async Task Create_UnsafeFileNamedInTheRequest_Is400NamingThePathAndTheRule(string kind, string field)
    {
        using var directory = new TemporaryDirectory("toolshed-unsafe");
        var path = await UnsafeFileAsync(directory, kind);
        var name = ServersApiFixture.UniqueName("file");
        var body = new Dictionary<string, object> { ["image"] = TestImages.Everything, ["name"] = name, [field] = path };

        var problem = await RefusedAsync(name, body, HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("only a regular file of at most 1 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("/dev/zero")]
    [InlineData("17mib")]
    public async Task AddRegistry_UnsafeFile_Is400AndNothingIsAdded(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory("toolshed-unsafe");
        var path = await UnsafeFileAsync(directory, kind);
        var registry = $"unsafe{Guid.NewGuid():N}"[..14];

        using var response = await _api.PostAsJsonAsync("api/v1beta/registry", new { name = registry, path }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("path", problem.GetProperty("field").GetString());
        // A registry may be larger than the other files a request names (a catalog of thousands of servers).
        Assert.Contains("only a regular file of at most 16 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(registry, await _api.GetStringAsync("api/v1beta/registry", ct), StringComparison.Ordinal);
    }

    public static TheoryData<string> DeepBodies => ["body-json", "authz-yaml", "authz-policy", "profile-text"];

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public async Task Create_NestedHundredThousandDeep_Is400AndTheDaemonLives(string shape)
    {
        var name = ServersApiFixture.UniqueName("deep");
        var json = shape switch
        {
            "body-json" => $"{{\"image\":\"{TestImages.Everything}\",\"name\":\"{name}\",\"authz_config\":{{\"x\":{new string('[', Deep)}{new string(']', Deep)}}}}}",
            "authz-yaml" => Body(name, "authz_config", $"type: cedarv1\nx: {new string('[', Deep)}{new string(']', Deep)}\n"),
            "authz-policy" => Body(name, "authz_config", JsonSerializer.Serialize(new
            {
                type = "cedarv1",
                cedar = new { policies = new[] { $"permit(principal, action, resource) when {{ {new string('(', Deep)}true{new string(')', Deep)} }};" } },
            })),
            _ => Body(name, "permission_profile", $"{{\"read\": {new string('[', Deep)}{new string(']', Deep)}}}"),
        };

        await RefusedAsync(name, new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.GetAsync("health", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AddRegistry_NestedHundredThousandDeep_Is400()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory("toolshed-deep");
        var path = directory.Combine("registry.json");
        await File.WriteAllTextAsync(path, $"{{\"servers\": {{\"s\": {{\"image\": \"i\", \"x\": {new string('[', Deep)}{new string(']', Deep)}}}}}}}", ct);

        using var response = await _api.PostAsJsonAsync("api/v1beta/registry", new { name = "deep", path }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static TheoryData<string, string> StrictFields => new()
    {
        { "target_port", """{"image":"IMAGE","name":"NAME","transport":"streamable-http","target_port":"8080"}""" },
        { "proxy_port", """{"image":"IMAGE","name":"NAME","proxy_port":"0"}""" },
        { "proxy_port", """{"image":"IMAGE","name":"NAME","proxy_port":80}""" },
        { "host", """{"image":"IMAGE","name":"NAME","host":"8.8.8.8"}""" },
        { "image", """{"image":"UPPER/Case::x","name":"NAME"}""" },
        { "allow_sensitive_mounts", """{"image":"IMAGE","name":"NAME","allow_sensitive_mounts":"yes"}""" },
        { "volumes", """{"image":"IMAGE","name":"NAME","volumes":"/tmp:/data"}""" },
    };

    [Theory]
    [MemberData(nameof(StrictFields))]
    public async Task Create_WrongTypeOrImpossibleValue_Is400NamingTheField(string field, string template)
    {
        var name = ServersApiFixture.UniqueName("strict");
        var json = template.Replace("IMAGE", TestImages.Everything, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);

        var problem = await RefusedAsync(name, new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("unlabelled")]
    [InlineData("another-instance")]
    public async Task Create_NameHeldByAForeignContainer_Is409AndTheDecoyIsUntouched(string owner)
    {
        var name = ServersApiFixture.UniqueName("decoy");
        var decoy = $"toolshed-{name}";
        string[] labels = owner == "another-instance"
            ? ["--label", "toolshed=true", "--label", "toolshed.instance=0123456789abcdef", "--label", $"toolshed.name={name}"]
            : [];
        var id = (await DockerCli.RunAsync(["create", "--name", decoy, .. labels, TestImages.Base, "sleep", "infinity"])).Trim();
        try
        {
            var problem = await RefusedAsync(name, new { image = TestImages.Everything, name }, HttpStatusCode.Conflict, expectNoContainer: false);

            Assert.Contains($"docker rm -f {decoy}", problem.GetProperty("hint").GetString(), StringComparison.Ordinal);
            Assert.Contains("did not create", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var inspect = await SecurityFixture.DockerInspectAsync(decoy);
            Assert.Equal(id, inspect.GetProperty("Id").GetString());
            Assert.Equal("created", inspect.GetProperty("State").GetProperty("Status").GetString());
        }
        finally
        {
            await DockerCli.TryAsync("rm", "-f", decoy);
        }
    }

    [Fact]
    public async Task Create_EgressNetworkNameHeldByAForeignNetwork_Is409AndTheNetworkIsUntouched()
    {
        var name = ServersApiFixture.UniqueName("netdecoy");
        var network = $"toolshed-{name}-net";
        var id = (await DockerCli.RunAsync("network", "create", network)).Trim();
        try
        {
            var problem = await RefusedAsync(name, new { image = TestImages.Everything, name }, HttpStatusCode.Conflict);

            Assert.Contains($"docker network rm {network}", problem.GetProperty("hint").GetString(), StringComparison.Ordinal);
            Assert.Equal(id, (await DockerCli.RunAsync("network", "inspect", "-f", "{{.Id}}", network)).Trim());
        }
        finally
        {
            await DockerCli.TryAsync("network", "rm", network);
        }
    }

    private string Resolve(string hostPath) => hostPath switch
    {
        "STATE" => Path.Combine(fixture.Home, "state"),
        "HOME" => fixture.Home,
        _ => hostPath,
    };

    private static string Body(string name, string field, string value) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["image"] = TestImages.Everything, ["name"] = name, [field] = value });

    private static async Task<string> UnsafeFileAsync(TemporaryDirectory directory, string kind)
    {
        switch (kind)
        {
            case "fifo":
                var fifo = directory.Combine("policy.fifo");
                using (var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { fifo } })!)
                {
                    await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                    Assert.Equal(0, process.ExitCode);
                }

                return fifo;
            case "2mib" or "17mib":
                var big = directory.Combine("big.json");
                var size = kind == "2mib" ? 2 * 1024 * 1024 : 17 * 1024 * 1024;
                await File.WriteAllTextAsync(big, "{\"SECRET\": \"" + new string('x', size) + "\"}", TestContext.Current.CancellationToken);
                return big;
            default:
                return kind;
        }
    }

    /// <summary>Posts a create that must be refused with <paramref name="status"/>, and checks that nothing was left:
    /// no stored workload, no container of that name (unless a decoy holds it).</summary>
    private async Task<JsonElement> RefusedAsync(string name, object body, HttpStatusCode status, bool expectNoContainer = true)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = body is HttpContent content
            ? await _api.PostAsync("api/v1beta/servers", content, ct)
            : await _api.PostAsJsonAsync("api/v1beta/servers", body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var list = await _api.GetStringAsync("api/v1beta/servers?all=true", ct);
        Assert.DoesNotContain($"\"{name}\"", list, StringComparison.Ordinal);
        if (expectNoContainer)
        {
            Assert.NotEqual(0, await DockerCli.TryAsync("container", "inspect", $"toolshed-{name}"));
        }

        return JsonDocument.Parse(text).RootElement;
    }
}
