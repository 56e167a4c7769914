namespace Toolshed.Core.Runtime;

/// <summary>
/// One progress report while an image is pulled, as the engine sends it: <paramref name="Layer"/> is the short id of
/// the layer it is about (null for messages about the whole image, such as "Pulling from …" or "Digest: …"),
/// <paramref name="Status"/> the engine's words ("Pulling fs layer", "Downloading", "Extracting", "Pull complete",
/// "Already exists" …), and <paramref name="Current"/>/<paramref name="Total"/> bytes when the engine counts them.
/// </summary>
public sealed record ImagePullProgress(string Image, string? Layer, string Status, long? Current = null, long? Total = null);
