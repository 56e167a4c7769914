using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;
using Toolshed.Core.Runtime;
using Toolshed.Server.Images.Api;
using Toolshed.Server.Packages;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Validation;

namespace Toolshed.Server.Images;

/// <summary>
/// Serves POST /images/pull: resolves and checks the image, answers at once when it is present, else pulls it and
/// streams the engine's progress as NDJSON. A package is resolved to its version first, then built (or found built
/// from the same inputs) with the build's output streamed the same way; the done line names the pinned reference. Everything known before the first progress line (a bad reference, an image
/// the registry does not have, an engine that does not answer) is a problem answer with its status; a failure after
/// that ends the stream with an error line. A client that goes away cancels the pull; so does the timeout.
/// </summary>
internal sealed partial class ImagePullStreamer(
    IWorkloadRuntime runtime,
    IServerCatalog catalog,
    PackageResolver packages,
    ISecretResolver secrets,
    ImagePullOptions options,
    TimeProvider timeProvider,
    ILogger<ImagePullStreamer> logger,
    Telemetry.DaemonMetrics? metrics = null)
{
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] s_newline = "\n"u8.ToArray();

    public async Task StreamAsync(PullImageRequest request, HttpContext http, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(http);
        var image = PullImageResolver.Resolve(catalog, request?.Image);
        PackageSpec? package = null;
        IReadOnlyDictionary<string, string> credentials = new Dictionary<string, string>();
        if (PackageReference.IsPackage(image))
        {
            // Resolved before anything streams: an unknown package or version is a 400 with nothing built.
            package = await packages.ResolveAsync(image, RuntimeImage(request), aborted);
            package = package with { BuildSecrets = PackageBuildSecrets.Map(request?.BuildSecrets) };
            credentials = await PackageBuildSecrets.ResolveAsync(secrets, package, aborted);
            image = package.Reference;
        }
        else if (request?.RuntimeImage is not null)
        {
            throw new InvalidInputException("runtime_image applies only to packages (npx://, uvx://, go://).", "runtime_image");
        }

        if (package is null && await runtime.HasImageAsync(image, aborted))
        {
            await StartAsync(http, aborted);
            await WriteAsync(http.Response, new ImagePullEvent { Status = ImagePullEvent.DoneStatus, Image = image, Pulled = false }, aborted);
            return;
        }

        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token);
        var channel = new PullProgressChannel(options.Capacity);
        var began = timeProvider.GetTimestamp();
        LogPulling(image);
        var pull = package is null
            ? PullAsync(image, channel, linked.Token)
            : BuildAsync(package, request!.Rebuild == true, credentials, channel, linked.Token);
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
        var took = timeProvider.GetElapsedTime(began);
        var errorType = failure is null ? null : failure.GetType().Name;
        if (package is null)
        {
            metrics?.ImagePulled(took, errorType);
        }
        else
        {
            metrics?.ImageBuilt(took, errorType);
        }

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
            : new ImagePullEvent { Status = ImagePullEvent.ErrorStatus, Image = image, Error = failure.Hint is { } hint ? $"{failure.Message} {hint}" : failure.Message }, aborted);
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

    private async Task BuildAsync(
        PackageSpec package, bool rebuild, IReadOnlyDictionary<string, string> credentials, PullProgressChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.PreparePackageAsync(package, rebuild, credentials, channel, cancellationToken);
        }
        finally
        {
            channel.Complete();
        }
    }

    private static string? RuntimeImage(PullImageRequest? request)
    {
        if (string.IsNullOrWhiteSpace(request?.RuntimeImage))
        {
            return null;
        }

        var image = request.RuntimeImage.Trim();
        return ImageReference.Problem(image) is { } problem
            ? throw new InvalidInputException($"runtime_image '{image}' is not an image reference: {problem}.", "runtime_image")
            : image;
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
