using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.Registry;
using Toolshed.Core.Workloads;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Workloads;

public sealed class CreateRequestMapperTests
{
    private static readonly RegistryServer s_github = new()
    {
        Name = "github",
        Image = "ghcr.io/github/github-mcp-server:latest",
        Transport = "stdio",
        Args = ["stdio"],
        EnvVars =
        [
            new RegistryEnvVar { Name = "GITHUB_PERSONAL_ACCESS_TOKEN", Required = true, Secret = true },
            new RegistryEnvVar { Name = "GITHUB_HOST", Default = "github.com" },
        ],
        Permissions = new RegistryPermissions
        {
            Network = new RegistryNetworkPermissions
            {
                Outbound = new RegistryOutboundPermissions { AllowHost = ["api.github.com"], AllowPort = [443] },
            },
        },
    };

    private static readonly RegistryServer s_web = new() { Name = "web", Image = "example/web:1", Transport = "sse", TargetPort = 8000 };

    private readonly CreateRequestMapper _mapper = new(new FakeServerCatalog(s_github, s_web));

    [Fact]
    public async Task Map_ImageReference_UsesDefaults()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest { Image = "toolshed-test/everything:test" }, TestContext.Current.CancellationToken);

        Assert.Equal("toolshed-test/everything:test", spec.Image);
        Assert.Equal(McpTransport.Stdio, spec.Transport);
        Assert.Equal("", spec.Name);
        Assert.Equal("127.0.0.1", spec.Host);
        Assert.Equal("none", spec.PermissionProfile);
        Assert.Null(spec.RegistryServer);
    }

    [Fact]
    public async Task Map_RegistryServer_TakesImageArgsEnvDefaultsAndPermissions()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest
        {
            Image = "github",
            Secrets = [new SecretParameter { Name = "gh", Target = "GITHUB_PERSONAL_ACCESS_TOKEN" }],
        }, TestContext.Current.CancellationToken);

        Assert.Equal("github", spec.Name);
        Assert.Equal("ghcr.io/github/github-mcp-server:latest", spec.Image);
        Assert.Equal(["stdio"], spec.Arguments);
        Assert.Equal("github.com", spec.Environment["GITHUB_HOST"]);
        Assert.Equal("default/github", spec.RegistryServer);
        Assert.Contains("api.github.com", spec.PermissionProfile, StringComparison.Ordinal);
        Assert.Equal(new SecretReference("gh", "GITHUB_PERSONAL_ACCESS_TOKEN"), Assert.Single(spec.Secrets));
    }

    [Fact]
    public async Task Map_RegistryServerMissingRequiredSecret_ListsItAndHowToSupplyIt()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(new CreateServerRequest { Image = "github" }, TestContext.Current.CancellationToken));

        Assert.Equal("env_vars", error.Field);
        Assert.Contains("GITHUB_PERSONAL_ACCESS_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("--secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_SecretRegistryVariableInPlainEnv_IsRefusedWithoutEchoingTheValue()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(new CreateServerRequest
        {
            Image = "github",
            EnvVars = ["GITHUB_PERSONAL_ACCESS_TOKEN=ghp_supersecretvalue"],
        }, TestContext.Current.CancellationToken));

        Assert.DoesNotContain("ghp_supersecretvalue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_UnknownServerOfKnownRegistry_Is400NamingIt()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(new CreateServerRequest { Image = "default/nope" }, TestContext.Current.CancellationToken));

        Assert.Equal("image", error.Field);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_HttpRegistryServer_KeepsTargetPort()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest { Image = "web" }, TestContext.Current.CancellationToken);

        Assert.Equal(McpTransport.Sse, spec.Transport);
        Assert.Equal(8000, spec.TargetPort);
    }

    [Theory]
    [InlineData("transport", """{"image":"x","transport":"websocket"}""")]
    [InlineData("name", """{"image":"x","name":"-bad"}""")]
    [InlineData("name", """{"image":"x","name":"has space"}""")]
    [InlineData("env_vars", """{"image":"x","env_vars":["NOEQUALS"]}""")]
    [InlineData("env_vars", """{"image":"x","env_vars":["1BAD=x"]}""")]
    [InlineData("volumes", """{"image":"x","volumes":["/tmp:relative"]}""")]
    [InlineData("volumes", """{"image":"x","volumes":["/tmp:/a/../etc"]}""")]
    [InlineData("volumes", """{"image":"x","volumes":["/tmp:/data;rm"]}""")]
    [InlineData("volumes", """{"image":"x","volumes":["/tmp:/data:rx"]}""")]
    [InlineData("volumes", """{"image":"x","volumes":["/does/not/exist/anywhere:/data"]}""")]
    [InlineData("permission_profile", """{"image":"x","permission_profile":"bogus"}""")]
    [InlineData("permission_profile", """{"image":"x","permission_profile":"/no/such/profile.json"}""")]
    [InlineData("permission_profile", """{"image":"x","permission_profile":"{not json"}""")]
    [InlineData("target_port", """{"image":"x","transport":"sse","target_port":70000}""")]
    [InlineData("target_port", """{"image":"x","transport":"sse","target_port":0}""")]
    [InlineData("target_port", """{"image":"x","transport":"streamable-http"}""")]
    [InlineData("image", """{"name":"x"}""")]
    [InlineData("host", """{"image":"x","host":"example.com"}""")]
    [InlineData("host", """{"image":"x","host":"8.8.8.8"}""")]
    [InlineData("proxy_port", """{"image":"x","proxy_port":80}""")]
    [InlineData("proxy_port", """{"image":"x","proxy_port":1023}""")]
    [InlineData("image", """{"image":"UPPER/Case::x"}""")]
    [InlineData("image", """{"image":"server:tag:again"}""")]
    [InlineData("authz_config", """{"image":"x","authz_config":42}""")]
    [InlineData("authz_config", """{"image":"x","authz_config":{"type":"cedarv1","cedar":{"policies":[]}}}""")]
    [InlineData("authz_config", """{"image":"x","authz_config":"policy.yaml"}""")]
    [InlineData("permission_profile", """{"image":"x","permission_profile":["none"]}""")]
    [InlineData("permission_profile", """{"image":"x","permission_profile":"relative/profile.json"}""")]
    [InlineData("secrets", """{"image":"x","secrets":[{"target":"X"}]}""")]
    [InlineData("oidc", """{"image":"x","oidc":{"issuer":"https://id.example"}}""")]
    public async Task Map_InvalidField_Throws400NamingTheField(string field, string json)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<CreateServerRequest>(json)!;

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task Map_InlineProfile_IsKeptAsJson()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest
        {
            Image = "x",
            PermissionProfile = JsonSerializer.SerializeToElement("""{"read":["/etc/hostname"],"network":{"outbound":{"insecure_allow_all":true}}}"""),
        }, TestContext.Current.CancellationToken);

        Assert.True(PermissionProfileParser.Parse(spec.PermissionProfile).Network.Outbound.InsecureAllowAll);
    }

    [Theory]
    [InlineData("stdio")]
    [InlineData("sse")]
    [InlineData("streamable-http")]
    public async Task Map_AuthzConfigOnAnyTransport_IsKeptWithTheWorkload(string transport)
    {
        var policy = """{"version":"1.0","type":"cedarv1","cedar":{"policies":["permit(principal, action, resource);"],"entities_json":"[]"}}""";

        var spec = await _mapper.MapAsync(new CreateServerRequest
        {
            Image = "x",
            Transport = transport,
            TargetPort = transport == "stdio" ? null : 8080,
            AuthzConfig = JsonSerializer.SerializeToElement(policy),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(policy, spec.AuthzConfig);
    }

    [Fact]
    public async Task Map_ProfileAndPolicyAsObjects_AreKeptAsTheirJson()
    {
        var request = JsonSerializer.Deserialize<CreateServerRequest>("""
            {"image": "x",
             "permission_profile": {"network": {"outbound": {"insecure_allow_all": true}}},
             "authz_config": {"version": "1.0", "type": "cedarv1", "cedar": {"policies": ["permit(principal, action, resource);"], "entities_json": "[]"}}}
            """)!;

        var spec = await _mapper.MapAsync(request, TestContext.Current.CancellationToken);

        Assert.True(PermissionProfileParser.Parse(spec.PermissionProfile).Network.Outbound.InsecureAllowAll);
        Assert.Contains("cedarv1", spec.AuthzConfig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_ProxyPortZeroOrUnprivileged_IsAccepted()
    {
        Assert.Equal(0, (await _mapper.MapAsync(new CreateServerRequest { Image = "x", ProxyPort = 0 }, TestContext.Current.CancellationToken)).ProxyPort);
        Assert.Equal(1024, (await _mapper.MapAsync(new CreateServerRequest { Image = "x", ProxyPort = 1024 }, TestContext.Current.CancellationToken)).ProxyPort);
    }

    [Fact]
    public async Task Map_ProfileFileThatIsNotAProfile_Is400WithoutItsContent()
    {
        using var directory = new Toolshed.Testing.TemporaryDirectory("toolshed-profile");
        var path = directory.Combine("profile.json");
        await File.WriteAllTextAsync(path, "{\n  \"read\": \"SECRET-VALUE\"\n}", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(
            new CreateServerRequest { Image = "x", PermissionProfile = JsonSerializer.SerializeToElement(path) }, TestContext.Current.CancellationToken));

        Assert.Equal("permission_profile", error.Field);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_AuthzConfigFileThatIsNotAConfig_Is400WithTheLineOnly()
    {
        using var directory = new Toolshed.Testing.TemporaryDirectory("toolshed-authz");
        var path = directory.Combine("shadow");
        await File.WriteAllTextAsync(path, "root:SECRET-HASH:19000:0:99999:7:::\nuser:OTHER:1:2\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(
            new CreateServerRequest { Image = "x", AuthzConfig = JsonSerializer.SerializeToElement(path) }, TestContext.Current.CancellationToken));

        Assert.Matches($"^The authorization config {path} is not a valid Cedar authorization config( \\(line \\d+\\))?\\.$", error.Message);
    }
}
