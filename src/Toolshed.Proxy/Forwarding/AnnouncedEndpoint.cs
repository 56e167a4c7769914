namespace Toolshed.Proxy.Forwarding;

/// <summary>On a forwarded legacy SSE stream's request: the owner key of the message endpoint the server announced.</summary>
internal sealed record AnnouncedEndpoint(string? Key);
