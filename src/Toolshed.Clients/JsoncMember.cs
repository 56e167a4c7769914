namespace Toolshed.Clients;

/// <summary>One "key": value pair; <see cref="CommaAfter"/> is the position of the comma that follows it, if any.</summary>
internal sealed record JsoncMember(string Key, int KeyStart, JsoncNode Value, int? CommaAfter);
