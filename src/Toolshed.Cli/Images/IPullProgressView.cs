using Toolshed.Server.Images.Api;

namespace Toolshed.Cli.Images;

/// <summary>Shows a pull's progress as it streams in; the seam that lets tests drive a view with fake sequences.</summary>
internal interface IPullProgressView
{
    /// <summary>Shows <paramref name="events"/> until the final line, which it returns (null when the stream had none).
    /// Shows nothing at all when the first line is final (the image was present).</summary>
    Task<ImagePullEvent?> ShowAsync(string image, IAsyncEnumerable<ImagePullEvent> events, CancellationToken cancellationToken);
}
