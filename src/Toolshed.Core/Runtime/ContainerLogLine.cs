namespace Toolshed.Core.Runtime;

/// <summary>One line of container output.</summary>
public sealed record ContainerLogLine(ContainerLogStream Stream, string Text);
