namespace Toolshed.Authorization.Cedar;

/// <summary>One entry of <c>cedar.policies</c>; <see cref="FileLine"/> is where it starts in the file (0 if unknown).</summary>
internal sealed record PolicySource(string Text, int FileLine);
