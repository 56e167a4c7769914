namespace Toolshed.Clients;

/// <summary>
/// Edits one config format as text: adds, replaces or removes a server entry and leaves every other byte alone.
/// Throws <see cref="ConfigParseException"/> when the text does not parse.
/// </summary>
public interface IConfigEditor
{
    string Upsert(string text, ConfigLocation location, ConfigEntry entry);

    string Remove(string text, ConfigLocation location, string entryName);

    /// <summary>The names of the entries in the servers container (all of them, ours or not).</summary>
    IReadOnlyList<string> EntryNames(string text, ConfigLocation location);
}
