using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Toolshed.Core.Configuration;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Api;

/// <summary>The API's own token, against a real daemon: nothing but /health answers a caller without it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ApiTokenTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("toolshed-api-token");
    private DaemonHost _daemon = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ToolshedPaths Paths => TestPaths.In(_directory);

    public async ValueTask InitializeAsync() => _daemon = await DaemonHost.StartAsync(Paths, Token);

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("api/v1beta/servers")]
    [InlineData("api/v1beta/secrets")]
    [InlineData("api/v1beta/version")]
    [InlineData("api/openapi.json")]
    [InlineData("api/v1beta/no-such-endpoint")]
    public async Task Get_NoToken_Is401NamingTheTokenFile(string path)
    {
        using var anonymous = _daemon.CreateAnonymousClient();

        using var response = await anonymous.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("detail").GetString();
        Assert.Contains(Paths.ApiTokenPath, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer tsh_wrongwrongwrongwrongwrongwrongwrongwrongwro")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Get_WrongCredential_Is401(string authorization)
    {
        using var anonymous = _daemon.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1beta/servers");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await anonymous.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoToken_CreatesNothing()
    {
        using var anonymous = _daemon.CreateAnonymousClient();
        using var content = new StringContent("""{"image":"toolshed-test/everything:test","name":"sneaky"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await anonymous.PostAsync("api/v1beta/servers", content, Token);
        using var list = await _daemon.Client.GetAsync("api/v1beta/servers?all=true", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("sneaky", await list.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TheFilesToken_Answers()
    {
        using var anonymous = _daemon.CreateAnonymousClient();
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Paths.ApiTokenPath, Token)).Trim());

        using var response = await anonymous.GetAsync("api/v1beta/servers", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_NoToken_Answers204()
    {
        using var anonymous = _daemon.CreateAnonymousClient();

        using var response = await anonymous.GetAsync("health", Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public void TokenFile_IsOwnerOnlyInAnOwnerOnlyDirectory()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Paths.ApiTokenPath));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Paths.StateDirectory) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
        Assert.StartsWith("tsh_", _daemon.ApiToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_KeepsTheToken_AndTightensAFileOthersCouldRead()
    {
        var before = _daemon.ApiToken;
        await _daemon.DisposeAsync();
        File.SetUnixFileMode(Paths.ApiTokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        _daemon = await DaemonHost.StartAsync(Paths, Token);

        Assert.Equal(before, _daemon.ApiToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Paths.ApiTokenPath));
    }
}
