namespace Toolshed.Proxy.Stdio;

/// <summary>How long a bridge waits for the server to answer a request, on which clock.</summary>
internal sealed record RequestTimeout(TimeProvider TimeProvider, TimeSpan After);
