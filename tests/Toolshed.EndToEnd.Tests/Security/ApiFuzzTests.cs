using System.Net;
using System.Text;
using System.Text.Json;
using Toolshed.Testing;
using Xunit.Sdk;

namespace Toolshed.EndToEnd.Tests.Security;

/// <summary>
/// Thousands of generated bad requests against a real daemon on the real engine, with its token (the bad part is
/// the request, not the credential): every answer is a 4xx, the daemon still answers afterwards, nothing was created
/// (no workload, no container), and memory settles back near where it was. Seeded; the seed is printed on failure.
/// </summary>
public sealed class ApiFuzzTests : IAsyncLifetime
{
    private const int Cases = 2_000;
    private const int Seed = 20261202;
    private readonly TemporaryDirectory _directory = new("toolshed-api-fuzz");
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        DockerRequirement.EnsureAvailable();
        _daemon = await DaemonHost.StartAsync(TestPaths.In(_directory), Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task BadRequests_AllAnswer4xx_CreateNothing_AndLeaveTheDaemonWell()
    {
        var fifo = Path.Combine(_directory.Path, "policy.fifo");
        System.Diagnostics.Process.Start("mkfifo", fifo)!.WaitForExit();
        var random = new Random(Seed);
        var generator = new BadApiRequests(random, fifo);
        // Warm up once, so that first-use allocations (JIT, pools) are not counted as growth.
        await SendAsync(generator.Next(0));
        var before = SettledMemory();

        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var (description, status) = await SendAsync(generator.Next(i));
            if (status is < 400 or >= 500)
            {
                failures.Add($"case {i}: {description} -> {status}");
            }
        }

        var after = SettledMemory();
        using var health = await _daemon.Client.GetAsync("health", Token);
        var list = await _daemon.Client.GetStringAsync("api/v1beta/servers?all=true", Token);
        var containers = await DockerCli.RunAsync("ps", "-a", "-q", "--filter", $"label=toolshed.instance={_daemon.InstanceId}");

        if (failures.Count > 0)
        {
            throw new XunitException($"seed {Seed}: {failures.Count} of {Cases} answers were not 4xx:\n{string.Join('\n', failures.Take(20))}");
        }

        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(list).RootElement.GetProperty("servers").GetArrayLength());
        Assert.Equal("", containers.Trim());
        Assert.True(after - before < 64L * 1024 * 1024, $"seed {Seed}: managed memory grew from {before / 1024 / 1024} MiB to {after / 1024 / 1024} MiB");
    }

    private async Task<(string Description, int Status)> SendAsync(BadApiRequest bad)
    {
        using var request = new HttpRequestMessage(bad.Method, bad.Path);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType ?? "application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await _daemon.Client.SendAsync(request, timeout.Token);
            return (bad.Description, (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            return (bad.Description + " (no answer in 30 s)", 0);
        }
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record BadApiRequest(string Description, HttpMethod Method, string Path, byte[]? Body, string? ContentType = null);

    /// <summary>Generates requests that must all be refused: none of them may create anything.</summary>
    private sealed class BadApiRequests(Random random, string fifo)
    {
        private static readonly string[] s_fields =
            ["image", "name", "transport", "target_port", "proxy_port", "host", "env_vars", "volumes", "cmd_arguments", "secrets", "permission_profile", "authz_config", "memory_limit", "pids_limit", "oidc"];

        public BadApiRequest Next(int index) => (index % 8) switch
        {
            0 => MalformedJson(),
            1 => WrongType(),
            2 => BadValue(),
            3 => DeepNesting(),
            4 => UnknownRoute(),
            5 => BadSecret(),
            6 => BadRegistry(),
            _ => BadContent(),
        };

        private static BadApiRequest Create(string description, string json) =>
            new(description, HttpMethod.Post, "api/v1beta/servers", Encoding.UTF8.GetBytes(json));

        private BadApiRequest MalformedJson()
        {
            string[] bodies =
            [
                "{", "{\"image\":", "[1,2", "{\"image\":\"x\"} trailing", "{\"image\":\"x\",}", "nul", "\"just a string\"", "42",
                "{\"image\":\"a\",\"image\":\"b\",\"name\":\"UPPER CASE\"}", "{'image':'x'}", "{\"image\":\"\\ud800\"", new string('{', 5),
            ];
            var body = bodies[random.Next(bodies.Length)];
            if (random.Next(3) == 0)
            {
                var bytes = Encoding.UTF8.GetBytes("{\"image\":\"toolshed-test/everything:test\",\"name\":\"x");
                return new BadApiRequest("invalid UTF-8", HttpMethod.Post, "api/v1beta/servers", [.. bytes, 0xC3, 0x28, (byte)'"', (byte)'}']);
            }

            return Create($"malformed: {body}", body);
        }

        private BadApiRequest WrongType()
        {
            var field = s_fields[random.Next(s_fields.Length)];
            string[] values = ["123", "\"8080\"", "true", "[1]", "{\"a\":1}", "[null]", "-1e309", "18446744073709551616"];
            var value = values[random.Next(values.Length)];
            // An invalid image keeps every case a refusal even where this field's value happens to be well typed.
            return Create($"{field}={value}", $"{{\"image\":\"Not A Valid::Image\",\"{field}\":{value}}}");
        }

        private BadApiRequest BadValue()
        {
            string[] bodies =
            [
                """{"image":"toolshed-test/everything:test","proxy_port":80}""",
                """{"image":"toolshed-test/everything:test","proxy_port":70000}""",
                """{"image":"toolshed-test/everything:test","host":"203.0.113.7"}""",
                """{"image":"toolshed-test/everything:test","host":"not an address"}""",
                """{"image":"toolshed-test/everything:test","name":"../../etc"}""",
                """{"image":"toolshed-test/everything:test","transport":"carrier-pigeon"}""",
                """{"image":"toolshed-test/everything:test","volumes":["/:/host"]}""",
                """{"image":"toolshed-test/everything:test","volumes":["/var/run/docker.sock:/d.sock"]}""",
                """{"image":"toolshed-test/everything:test","volumes":["/proc/1:/p"]}""",
                """{"image":"toolshed-test/everything:test","authz_config":"/dev/zero"}""",
                $$"""{"image":"toolshed-test/everything:test","authz_config":"{{fifo}}"}""",
                """{"image":"toolshed-test/everything:test","authz_config":"/etc"}""",
                """{"image":"toolshed-test/everything:test","permission_profile":"/dev/urandom"}""",
                """{"image":"toolshed-test/everything:test","memory_limit":"lots"}""",
                """{"image":"toolshed-test/everything:test","pids_limit":-5}""",
                """{"image":"toolshed-test/everything:test","env_vars":["NO_EQUALS_SIGN"]}""",
                """{"image":"toolshed-test/everything:test","secrets":[{"name":"","target":"X"}]}""",
                """{"image":"toolshed-test/everything:test","cmd_arguments":["a\u0000b"]}""",
                """{"image":"toolshed-test/everything:test","transport":"sse"}""",
                """{"image":"UPPER/case:tag"}""",
                """{"image":"image with spaces"}""",
                """{"image":""}""",
                """{}""",
            ];
            var body = bodies[random.Next(bodies.Length)];
            return Create($"bad value: {body}", body);
        }

        private BadApiRequest DeepNesting()
        {
            var depth = random.Next(2) == 0 ? 100_000 : 200 + random.Next(2_000);
            var nested = new string('[', depth) + new string(']', depth);
            return random.Next(3) switch
            {
                0 => Create($"nested {depth} deep at the top", nested),
                1 => Create($"nested {depth} deep in oidc", $"{{\"image\":\"toolshed-test/everything:test\",\"oidc\":{nested}}}"),
                _ => Create($"policy nested {depth} deep", $"{{\"image\":\"toolshed-test/everything:test\",\"authz_config\":\"{{\\\"version\\\":\\\"1.0\\\",\\\"type\\\":\\\"cedarv1\\\",\\\"cedar\\\":{{\\\"policies\\\":[\\\"permit(principal,action,resource) when {{ {new string('(', depth)}true{new string(')', depth)} }};\\\"]}}}}\"}}"),
            };
        }

        private BadApiRequest UnknownRoute()
        {
            HttpMethod[] methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch];
            string[] paths =
            [
                "api/v1beta/servers/no-such-server", "api/v1beta/servers/no-such-server/stop", "api/v1beta/servers/no-such-server/restart",
                "api/v1beta/servers/no-such-server/logs", "api/v1beta/servers/%2e%2e%2fetc", "api/v1beta/registry/no-such-registry",
                "api/v1beta/registry/default/servers/no-such-server", "api/v1beta/nothing-here", "api/v2/servers",
                "api/v1beta/servers/" + new string('a', 300), "api/v1beta/clients/no-such-client", "api/v1beta/secrets/no-such-secret",
            ];
            var method = methods[random.Next(methods.Length)];
            var path = paths[random.Next(paths.Length)];
            return new BadApiRequest($"{method} {path}", method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : "{}"u8.ToArray());
        }

        private BadApiRequest BadSecret()
        {
            string[] bodies = ["{}", "{\"value\":\"\"}", "{\"value\":123}", "{\"value\":null}", "[]", "{\"value\":\"a\\u0000b\"}"];
            string[] names = ["fuzz-secret", "bad%20name", new string('n', 200), "semi%3Bcolon"];
            var name = names[random.Next(names.Length)];
            var body = bodies[random.Next(bodies.Length)];
            return new BadApiRequest($"secret {name} {body}", HttpMethod.Put, $"api/v1beta/secrets/{name}", Encoding.UTF8.GetBytes(body));
        }

        private BadApiRequest BadRegistry()
        {
            // Paths only: the daemon must never be sent off the machine by a test.
            string[] bodies =
            [
                """{"name":"fuzz","path":"/dev/zero"}""", $$"""{"name":"fuzz","path":"{{fifo}}"}""", """{"name":"fuzz","path":"/etc"}""",
                """{"name":"fuzz","path":"relative/path.json"}""", """{"name":"fuzz","path":"/no/such/file.json"}""", """{"name":"","path":"/etc/hostname"}""",
                """{"name":"fuzz","path":"/etc/hostname"}""", """{"name":"fuzz"}""", """{"name":"default","path":"/etc/hostname"}""",
            ];
            var body = bodies[random.Next(bodies.Length)];
            return new BadApiRequest($"registry {body}", HttpMethod.Post, "api/v1beta/registry", Encoding.UTF8.GetBytes(body));
        }

        private BadApiRequest BadContent()
        {
            string[] types = ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-9", "application/json; charset=utf-16", "image/png", "multipart/form-data; boundary=x"];
            var type = types[random.Next(types.Length)];
            return new BadApiRequest($"content type {type}", HttpMethod.Post, "api/v1beta/servers", """{"image":"toolshed-test/everything:test"}"""u8.ToArray(), type);
        }
    }
}
