namespace Toolshed.Core.Runtime;

/// <summary>A progress report while an image is pulled. Current/Total are bytes when known.</summary>
public sealed record ImagePullProgress(string Image, string Status, long? Current = null, long? Total = null);
