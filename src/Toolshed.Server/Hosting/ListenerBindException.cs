namespace Toolshed.Server.Hosting;

/// <summary>A listener of the daemon beside the API (the Prometheus endpoint) could not bind; the message says which
/// and what to change.</summary>
public sealed class ListenerBindException(string message, Exception inner) : IOException(message, inner);
