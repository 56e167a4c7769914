namespace Toolshed.Core.Remote;

/// <summary>One header for a remote: its name and a value template whose <c>{secret:NAME}</c> parts are resolved only
/// when connecting (see <see cref="HeaderTemplate"/>).</summary>
public sealed record RemoteHeader(string Name, string Value);
