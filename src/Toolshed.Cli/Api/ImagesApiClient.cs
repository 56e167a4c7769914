using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Toolshed.Cli.Images;
using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Api;

/// <summary>The daemon's images API: POST /api/v1beta/images/pull, read line by line as the daemon streams it.</summary>
internal static class ImagesApiClient
{
    private const string PullPath = "api/v1beta/images/pull";

    /// <summary>
    /// The lines of the pull stream, ending with its done or error line. A daemon without the endpoint (404/405, an
    /// older version) yields nothing: create still pulls, only without progress. A problem answer, an unreadable line
    /// or a stream that breaks off before its last line is a <see cref="CliException"/>.
    /// </summary>
    public static IAsyncEnumerable<ImagePullEvent> PullImageAsync(this ToolshedApiClient client, string image, CancellationToken cancellationToken) =>
        client.PullImageAsync(new PullImageRequest { Image = image }, cancellationToken);

    /// <inheritdoc cref="PullImageAsync(ToolshedApiClient, string, CancellationToken)"/>
    public static async IAsyncEnumerable<ImagePullEvent> PullImageAsync(
        this ToolshedApiClient client, PullImageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var image = request.Image ?? "";
        using var content = JsonContent.Create(request, ImagesCliJsonContext.Default.PullImageRequest);
        using var response = await client.SendUncheckedAsync(
            HttpMethod.Post, PullPath, content, HttpCompletionOption.ResponseHeadersRead, client.Timeouts.Request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            yield break;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new CliException(ProblemMessage.From(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        while (await ReadLineAsync(reader, image, client.Timeouts.StreamIdle, cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var pullEvent = Parse(line);
            yield return pullEvent;
            if (pullEvent.IsFinal)
            {
                yield break;
            }
        }

        throw new CliException($"The daemon's answer to the pull of {image} ended before it said whether the pull succeeded; see the daemon's log, then try again.");
    }

    /// <summary>The next line, within <paramref name="idle"/>: the daemon reports progress often, so a long
    /// silence means the stream is stuck.</summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, string image, TimeSpan idle, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idle);
        try
        {
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                $"The daemon said nothing about the pull of {image} for {ApiTimeouts.Describe(idle)}; see its log (`shed daemon status`), then try again.", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new CliException($"The connection to the daemon broke while it pulled {image} ({ex.Message}); see its log, then try again.", ex);
        }
    }

    private static ImagePullEvent Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, ImagesCliJsonContext.Default.ImagePullEvent)
                ?? throw new JsonException("the line is null");
        }
        catch (JsonException ex)
        {
            throw new CliException($"A line of the daemon's pull progress is not the JSON shed expects ({ex.Message}); check that shed and the daemon are the same version.", ex);
        }
    }
}
