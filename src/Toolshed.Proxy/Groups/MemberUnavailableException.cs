namespace Toolshed.Proxy.Groups;

/// <summary>A member's endpoint could not be reached, or refused to open a session; the message says which and why.</summary>
internal sealed class MemberUnavailableException(string message) : Exception(message);
