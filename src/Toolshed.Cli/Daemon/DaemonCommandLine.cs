namespace Toolshed.Cli.Daemon;

/// <summary>The argv that runs `shed serve` with this same build of shed, for a given API URL.</summary>
public static class DaemonCommandLine
{
    /// <param name="processPath">This process's executable: the apphost `shed`, or the `dotnet` muxer.</param>
    /// <param name="entryAssemblyPath">shed.dll, needed when <paramref name="processPath"/> is the muxer.</param>
    /// <param name="apiUrl">The URL the daemon must answer at: its host and port become --host and --port.</param>
    public static IReadOnlyList<string> Build(string processPath, string? entryAssemblyPath, Uri apiUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(processPath);
        ArgumentNullException.ThrowIfNull(apiUrl);
        var argv = new List<string> { processPath };
        var executable = Path.GetFileNameWithoutExtension(processPath);
        if (string.Equals(executable, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrEmpty(entryAssemblyPath))
            {
                throw new InvalidOperationException("shed runs under the dotnet muxer but its assembly path is unknown.");
            }

            argv.Add(entryAssemblyPath);
        }

        argv.AddRange(["serve", "--host", AutoStartPolicy.BindHost(apiUrl), "--port", apiUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return argv;
    }
}
