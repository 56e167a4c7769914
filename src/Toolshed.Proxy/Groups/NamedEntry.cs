namespace Toolshed.Proxy.Groups;

/// <summary>One name a group's clients see: <see cref="Shown"/>, which is <see cref="Name"/> at <see cref="Member"/>.</summary>
public sealed record NamedEntry(string Shown, string Member, string Name);
