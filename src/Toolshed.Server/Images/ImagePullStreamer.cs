using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Server.Images.Api;
using Toolshed.Server.Workloads;

namespace Toolshed.Server.Images;

/// <summary>
/// Serves POST /images/pull: resolves and checks the image, answers at once when it is present, else pulls it and
/// streams the engine's progress as NDJSON. Everything known before the first progress line (a bad reference, an image
/// the registry does not have, an engine that does not answer) is a problem answer with its status; a failure after
/// that ends the stream with an error line. A client that goes away cancels the pull; so does the timeout.
/// </summary>
internal sealed partial class ImagePullStreamer(
    IWorkloadRuntime runtime,
    IServerCatalog catalog,
    ImagePullOptions options,
    TimeProvider timeProvider,
    ILogger<ImagePullStreamer> logger)
{
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] s_newline = "\n"u8.ToArray();

    public async Task StreamAsync(PullImageRequest request, HttpContext http, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(http);
        var image = PullImageResolver.Resolve(catalog, request?.Image);
        if (await runtime.HasImageAsync(image, aborted))
        {
            await StartAsync(http, aborted);
            await WriteAsync(http.Response, new ImagePullEvent { Status = ImagePullEvent.DoneStatus, Image = image, Pulled = false }, aborted);
            return;
        }

        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token);
        var channel = new PullProgressChannel(options.Capacity);
        LogPulling(image);
        var pull = PullAsync(image, channel, linked.Token);
        var started = false;
        try
        {
            // The pull completes the channel however it ends, so this loop always ends.
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None))
            {
                if (!started)
                {
                    await StartAsync(http, aborted);
                    started = true;
                }

                while (channel.Reader.TryRead(out var progress))
                {
                    await WriteAsync(http.Response, ToEvent(progress), aborted);
                }

                await http.Response.Body.FlushAsync(aborted);
            }
        }
        catch
        {
            await linked.CancelAsync();
            await Task.WhenAny(pull);
            throw;
        }

        var failure = await OutcomeAsync(pull, image, timeout.Token, aborted);
        if (failure is null)
        {
            LogPulled(image, channel.Dropped);
        }
        else
        {
            LogPullFailed(image, failure.Message);
        }

        if (!started)
        {
            if (failure is not null)
            {
                throw failure;
            }

            await StartAsync(http, aborted);
        }

        await WriteAsync(http.Response, failure is null
            ? new ImagePullEvent { Status = ImagePullEvent.DoneStatus, Image = image, Pulled = true }
            : new ImagePullEvent { Status = ImagePullEvent.ErrorStatus, Image = image, Error = failure.Message }, aborted);
    }

    private async Task PullAsync(string image, PullProgressChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.PrepareImageAsync(image, channel, cancellationToken);
        }
        finally
        {
            channel.Complete();
        }
    }

    /// <summary>Null when the pull succeeded, else the failure to report; rethrows when the client went away.</summary>
    private async Task<ToolshedException?> OutcomeAsync(Task pull, string image, CancellationToken timeout, CancellationToken aborted)
    {
        try
        {
            await pull;
            return null;
        }
        catch (ToolshedException ex)
        {
            return ex;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            var limit = options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new ContainerEngineException(
                $"Pulling {image} did not finish within {limit} s, so it was cancelled.",
                "Check that the engine reaches the image's registry (docker pull it to see), then try again.");
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogPullCancelled(image);
            throw;
        }
    }

    private static async Task StartAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ContentType;
        http.Response.Headers.CacheControl = "no-store";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.StartAsync(cancellationToken);
    }

    private static async Task WriteAsync(HttpResponse response, ImagePullEvent line, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, ImagesApiJsonContext.Default.ImagePullEvent);
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.WriteAsync(s_newline, cancellationToken);
        if (line.IsFinal)
        {
            await response.Body.FlushAsync(cancellationToken);
        }
    }

    private static ImagePullEvent ToEvent(ImagePullProgress progress) => new()
    {
        Status = progress.Status,
        Layer = progress.Layer,
        Current = progress.Current,
        Total = progress.Total,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image} for an API client")]
    private partial void LogPulling(string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled image {Image} ({DroppedReports} progress reports dropped for a slow client)")]
    private partial void LogPulled(string image, int droppedReports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulling image {Image} failed: {Reason}")]
    private partial void LogPullFailed(string image, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image} cancelled: the client went away")]
    private partial void LogPullCancelled(string image);
}
