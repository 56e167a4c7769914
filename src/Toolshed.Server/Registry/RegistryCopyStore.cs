using System.Text.Json;
using Toolshed.Core.Configuration;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>
/// Keeps the last good copy of every added registry under the state directory (<c>registry-copies/NAME.json</c>,
/// written atomically), so that a registry whose URL or file fails at a daemon start or a refresh is still served.
/// </summary>
internal sealed class RegistryCopyStore(ToolshedPaths paths)
{
    private string Directory => Path.Combine(paths.StateDirectory, "registry-copies");

    public async Task SaveAsync(string name, RegistryDocument document, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, new RegistryCopy { SavedAt = savedAt, Document = document }, RegistryCopyJsonContext.Default.RegistryCopy, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The saved copy, or null when there is none or it cannot be read (it is only a fallback).</summary>
    public async Task<RegistryCopy?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(PathOf(name));
            return await JsonSerializer.DeserializeAsync(stream, RegistryCopyJsonContext.Default.RegistryCopy, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Delete(string name)
    {
        try
        {
            File.Delete(PathOf(name));
        }
        catch (IOException)
        {
            // A copy left behind is harmless: it is only read for a registry of that name.
        }
    }

    // Registry names are letters, digits, '_', '.' and '-' starting with a letter or digit: safe as file names.
    private string PathOf(string name) => Path.Combine(Directory, name.ToLowerInvariant() + ".json");
}
