namespace Toolshed.Core.Runtime;

/// <summary>One line of container output.</summary>
public sealed record WorkloadLogLine(WorkloadLogStream Stream, string Text);
