namespace Toolshed.Proxy.Groups;

/// <summary>The names (of tools, or of prompts) one member offers, in its own order.</summary>
public sealed record MemberOffer(string Member, IReadOnlyList<string> Names);
