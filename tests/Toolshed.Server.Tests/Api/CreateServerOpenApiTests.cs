using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Api;

/// <summary>The OpenAPI document says what the create body really takes.</summary>
public sealed class CreateServerOpenApiTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-openapi");
    private DaemonHost _daemon = null!;

    public async ValueTask InitializeAsync() => _daemon = await DaemonHost.StartAsync(TestPaths.In(_home), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Theory]
    [InlineData("authz_config")]
    [InlineData("permission_profile")]
    public async Task OpenApi_StringOrObjectFields_AreDescribedAsStringOrObject(string field)
    {
        var document = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/openapi.json", TestContext.Current.CancellationToken);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var property = schemas.GetProperty("CreateServerRequest").GetProperty("properties").GetProperty(field);

        // { oneOf: [ {type: null}, {$ref: …} ] }: absent/null, or what the referenced schema allows.
        var types = property.GetProperty("oneOf").EnumerateArray()
            .Select(option => option.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : option)
            .SelectMany(option => option.GetProperty("type") is { ValueKind: JsonValueKind.Array } many ? many.EnumerateArray().ToList() : new List<JsonElement> { option.GetProperty("type") })
            .Select(type => type.GetString())
            .ToHashSet();
        Assert.True(types.SetEquals(["string", "object", "null"]), property.GetRawText());
    }

    [Fact]
    public async Task OpenApi_AllowSensitiveMounts_IsABoolean()
    {
        var document = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/openapi.json", TestContext.Current.CancellationToken);

        var property = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateServerRequest").GetProperty("properties").GetProperty("allow_sensitive_mounts");

        Assert.Contains("boolean", property.GetRawText(), StringComparison.Ordinal);
    }
}
