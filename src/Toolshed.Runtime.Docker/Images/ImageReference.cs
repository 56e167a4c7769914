namespace Toolshed.Runtime.Docker;

/// <summary>Splits "registry:5000/name:tag" or "name@sha256:..." into the repository and tag-or-digest the pull API
/// takes separately (an empty tag would pull every tag).</summary>
internal static class ImageReference
{
    public static (string Repository, string Tag) Split(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (image[..at], image[(at + 1)..]);
        }

        var colon = image.LastIndexOf(':');
        var slash = image.LastIndexOf('/');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
