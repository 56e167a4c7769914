using Toolshed.Cli.Api;

namespace Toolshed.Cli.Tests.Api;

public sealed class ApiTokenTests
{
    [Fact]
    public void Apply_TokenSet_SendsItAsBearer()
    {
        using var http = new HttpClient();

        ApiToken.Apply(http, name => name == ApiToken.EnvironmentVariable ? " eyJ.token.sig " : null);

        Assert.Equal("Bearer", http.DefaultRequestHeaders.Authorization?.Scheme);
        Assert.Equal("eyJ.token.sig", http.DefaultRequestHeaders.Authorization?.Parameter);
    }

    [Fact]
    public void Apply_NoToken_SendsNoAuthorization()
    {
        using var http = new HttpClient();

        ApiToken.Apply(http, _ => null);

        Assert.Null(http.DefaultRequestHeaders.Authorization);
    }
}
