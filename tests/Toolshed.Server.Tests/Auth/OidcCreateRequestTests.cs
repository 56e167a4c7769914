using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Server.Tests.Workloads;
using Toolshed.Server.Workloads.Api;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Tests.Auth;

public sealed class OidcCreateRequestTests
{
    private readonly CreateRequestMapper _mapper = new(new FakeServerCatalog());

    [Fact]
    public async Task Map_CompleteOidc_KeepsItInTheSpec()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest
        {
            Image = "x",
            Oidc = new OidcOptions { Issuer = "https://id.example/realms/a", Audience = "mcp", JwksUrl = "https://id.example/jwks", ClientId = "cli" },
        }, TestContext.Current.CancellationToken);

        Assert.NotNull(spec.Oidc);
        Assert.Equal("https://id.example/realms/a", spec.Oidc.Issuer);
        Assert.Equal("mcp", spec.Oidc.Audience);
        Assert.Equal("https://id.example/jwks", spec.Oidc.JwksUrl);
        Assert.Equal("cli", spec.Oidc.ClientId);
    }

    [Fact]
    public async Task Map_EmptyOidcObject_MeansNoOidc()
    {
        var spec = await _mapper.MapAsync(new CreateServerRequest { Image = "x", Oidc = new OidcOptions() }, TestContext.Current.CancellationToken);

        Assert.Null(spec.Oidc);
    }

    [Theory]
    [InlineData("https://id.example", null, null)]
    [InlineData("https://id.example", " ", null)]
    [InlineData("id.example", "mcp", null)]
    [InlineData("ftp://id.example", "mcp", null)]
    [InlineData(null, "mcp", null)]
    [InlineData("https://id.example", "mcp", "/jwks")]
    [InlineData("https://id.example", "mcp", "file:///etc/jwks.json")]
    public async Task Map_UnusableOidc_Throws400NamingOidc(string? issuer, string? audience, string? jwksUrl)
    {
        var request = new CreateServerRequest { Image = "x", Oidc = new OidcOptions { Issuer = issuer, Audience = audience, JwksUrl = jwksUrl } };

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal("oidc", error.Field);
    }

    [Fact]
    public async Task Map_AuthzConfigFileMissing_Is400NamingTheField()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _mapper.MapAsync(new CreateServerRequest { Image = "x", AuthzConfig = JsonSerializer.SerializeToElement("/no/such/dir/policy.yaml") }, TestContext.Current.CancellationToken));

        Assert.Equal("authz_config", error.Field);
    }
}
