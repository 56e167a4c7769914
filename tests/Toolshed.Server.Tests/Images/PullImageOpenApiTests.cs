using System.Net.Http.Json;
using System.Text.Json;
using Toolshed.Testing;

namespace Toolshed.Server.Tests.Images;

/// <summary>The OpenAPI document describes the pull endpoint like every other: its body, its stream, its problems.</summary>
public sealed class PullImageOpenApiTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _home = new("toolshed-openapi-pull");
    private DaemonHost _daemon = null!;

    public async ValueTask InitializeAsync() => _daemon = await DaemonHost.StartAsync(TestPaths.In(_home), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task OpenApi_PullImage_TakesAnImageAndAnswersNdjsonLinesOrProblems()
    {
        var document = await _daemon.Client.GetFromJsonAsync<JsonElement>("api/openapi.json", TestContext.Current.CancellationToken);

        var operation = document.GetProperty("paths").GetProperty("/api/v1beta/images/pull").GetProperty("post");
        Assert.Equal("PullImage", operation.GetProperty("operationId").GetString());
        Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = operation.GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/x-ndjson", out _), responses.GetRawText());
        Assert.True(responses.TryGetProperty("400", out _));
        var line = document.GetProperty("components").GetProperty("schemas").GetProperty("ImagePullEvent").GetProperty("properties");
        Assert.Equal(
            ["current", "error", "image", "layer", "pulled", "status", "total"],
            line.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
    }
}
