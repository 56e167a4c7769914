namespace Toolshed.Testing;

/// <summary>Finds files of this repository from a running test (the directory holding Toolshed.slnx).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Toolshed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Toolshed.slnx above {AppContext.BaseDirectory}.");
    }
}
