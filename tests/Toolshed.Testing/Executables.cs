namespace Toolshed.Testing;

/// <summary>Finds the programs the tests run (Debian packages that scripts/test installs) on PATH.</summary>
internal static class Executables
{
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
