namespace Toolshed.Clients;

/// <summary>
/// A member whose value has ended, held by the <see cref="JsoncParser"/> until the next token shows whether a comma
/// follows it; <see cref="GapStart"/> is the UTF-8 byte offset from which to look for that comma.
/// </summary>
internal sealed record JsoncPendingMember(JsoncContainer Container, JsoncMember Member, int GapStart);
