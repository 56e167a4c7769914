using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Toolshed.Core.Errors;
using Toolshed.Core.Runtime;
using Toolshed.Server.Images;
using Toolshed.Server.Images.Api;
using Toolshed.Server.Tests.Workloads;
using Toolshed.Testing.Fakes;

namespace Toolshed.Server.Tests.Images;

public sealed class ImagePullStreamerTests
{
    private const string Image = "127.0.0.1:5000/toolshed/everything:1";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task StreamAsync_PullReportsProgress_WritesOneLinePerReportThenDone()
    {
        var runtime = Pulling((progress, _) =>
        {
            progress!.Report(new ImagePullProgress(Image, null, "Pulling from toolshed/everything"));
            progress.Report(new ImagePullProgress(Image, "fc7fb1eaaf2c", "Downloading", 10, 100));
            progress.Report(new ImagePullProgress(Image, "fc7fb1eaaf2c", "Pull complete"));
            return Task.CompletedTask;
        });
        var http = NewContext();

        await Streamer(runtime).StreamAsync(new PullImageRequest { Image = Image }, http, CancellationToken.None);

        Assert.Equal(ImagePullStreamer.ContentType, http.Response.ContentType);
        Assert.Equal(
            [
                """{"status":"Pulling from toolshed/everything"}""",
                """{"status":"Downloading","layer":"fc7fb1eaaf2c","current":10,"total":100}""",
                """{"status":"Pull complete","layer":"fc7fb1eaaf2c"}""",
                $$"""{"status":"done","image":"{{Image}}","pulled":true}""",
            ],
            Lines(http));
    }

    [Fact]
    public async Task StreamAsync_ImagePresent_WritesOnlyDoneAndPullsNothing()
    {
        var runtime = Pulling((_, _) => throw new InvalidOperationException("must not pull"), present: true);
        var http = NewContext();

        await Streamer(runtime).StreamAsync(new PullImageRequest { Image = Image }, http, CancellationToken.None);

        Assert.Equal([$$"""{"status":"done","image":"{{Image}}","pulled":false}"""], Lines(http));
        Assert.Equal(0, runtime.Pulls);
    }

    [Fact]
    public async Task StreamAsync_BadReference_ThrowsInvalidInputBeforeWriting()
    {
        var runtime = Pulling((_, _) => Task.CompletedTask);
        var http = NewContext();

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => Streamer(runtime).StreamAsync(new PullImageRequest { Image = "Bad/Name" }, http, CancellationToken.None));

        Assert.Equal("image", error.Field);
        Assert.Empty(Lines(http));
        Assert.Equal(0, runtime.Pulls);
    }

    [Fact]
    public async Task StreamAsync_PullFailsBeforeAnyProgress_ThrowsItForAProblemAnswer()
    {
        var runtime = Pulling((_, _) => throw new ImageUnavailableException("manifest unknown"));
        var http = NewContext();

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(
            () => Streamer(runtime).StreamAsync(new PullImageRequest { Image = Image }, http, CancellationToken.None));

        Assert.Equal("manifest unknown", error.Message);
        Assert.Empty(Lines(http));
    }

    [Fact]
    public async Task StreamAsync_PullFailsAfterProgress_EndsWithAnErrorLine()
    {
        var runtime = Pulling((progress, _) =>
        {
            progress!.Report(new ImagePullProgress(Image, "fc7fb1eaaf2c", "Downloading", 10, 100));
            throw new ImageUnavailableException("unexpected EOF");
        });
        var http = NewContext();

        await Streamer(runtime).StreamAsync(new PullImageRequest { Image = Image }, http, CancellationToken.None);

        Assert.Equal($$"""{"status":"error","image":"{{Image}}","error":"unexpected EOF"}""", Lines(http)[^1]);
    }

    [Fact]
    public async Task StreamAsync_PullOutlastsTheTimeout_IsCancelledAndEndsWithAnErrorLine()
    {
        var started = new TaskCompletionSource();
        var runtime = Pulling(async (progress, cancellationToken) =>
        {
            progress!.Report(new ImagePullProgress(Image, "fc7fb1eaaf2c", "Waiting"));
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        var http = NewContext();

        var stream = Streamer(runtime).StreamAsync(new PullImageRequest { Image = Image }, http, CancellationToken.None);
        await started.Task.WaitAsync(TestContext.Current.CancellationToken);
        _time.Advance(s_timeout);
        await stream.WaitAsync(TestContext.Current.CancellationToken);

        using var last = JsonDocument.Parse(Lines(http)[^1]);
        Assert.Equal("error", last.RootElement.GetProperty("status").GetString());
        // The error line says what happened, then what to do (the problem's hint, which a stream has no field for).
        Assert.Equal(
            $"Pulling {Image} did not finish within 30 s, so it was cancelled. Check that the engine reaches the image's registry (docker pull it to see), then try again.",
            last.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task StreamAsync_ClientGoesAway_CancelsThePull()
    {
        var started = new TaskCompletionSource();
        var pullCancelled = false;
        var runtime = Pulling(async (progress, cancellationToken) =>
        {
            progress!.Report(new ImagePullProgress(Image, "fc7fb1eaaf2c", "Waiting"));
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                pullCancelled = true;
                throw;
            }
        });
        using var aborted = new CancellationTokenSource();
        var http = NewContext();

        var stream = Streamer(runtime).StreamAsync(new PullImageRequest { Image = Image }, http, aborted.Token);
        await started.Task.WaitAsync(TestContext.Current.CancellationToken);
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.WaitAsync(TestContext.Current.CancellationToken));
        Assert.True(pullCancelled);
        Assert.DoesNotContain(Lines(http), line => line.Contains("\"done\"", StringComparison.Ordinal));
    }

    /// <summary>A runtime that only pulls, as scripted; an image is present or not.</summary>
    private static FakeWorkloadRuntime Pulling(Func<IProgress<ImagePullProgress>?, CancellationToken, Task> pull, bool present = false) =>
        new() { Pull = pull, ImagePresent = present };

    private ImagePullStreamer Streamer(FakeWorkloadRuntime runtime) =>
        new(runtime, new FakeServerCatalog(), new Toolshed.Server.Packages.PackageResolver(new HttpClient(), new()), new Toolshed.Server.Tests.Workloads.Lifecycle.FakeSecrets(), new ImagePullOptions { Timeout = s_timeout }, _time, NullLogger<ImagePullStreamer>.Instance);

    private static DefaultHttpContext NewContext()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static string[] Lines(HttpContext http) =>
        Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
