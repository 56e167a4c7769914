namespace Toolshed.Core.Runtime;

/// <summary>A stdio server: the proxy's multiplexer talks to it over this channel. Whoever launched it owns the channel.</summary>
public sealed record StdioUpstream(IStdioChannel Channel) : WorkloadUpstream;
