using System.Diagnostics;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>The shared libraries a set of native binaries loads, as the host's dynamic linker resolves them (ldd).</summary>
internal static class NativeDependencies
{
    public static async Task<IReadOnlyList<string>> ResolveAsync(IEnumerable<string> binaries, CancellationToken cancellationToken)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in binaries)
        {
            foreach (var library in Parse(await RunLddAsync(binary, cancellationToken)))
            {
                found.Add(library);
            }
        }

        return [.. found];
    }

    /// <summary>Takes the absolute paths out of ldd's output ("libc.so.6 => /lib/.../libc.so.6 (0x…)" and
    /// "/lib64/ld-linux-x86-64.so.2 (0x…)"); virtual objects and "not found" lines (libraries loaded only on demand) are skipped.</summary>
    internal static IEnumerable<string> Parse(string lddOutput)
    {
        foreach (var raw in lddOutput.Split('\n'))
        {
            var line = raw.Trim();
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var path = (arrow >= 0 ? line[(arrow + 2)..] : line).Trim();
            var space = path.IndexOf(' ', StringComparison.Ordinal);
            if (space >= 0)
            {
                path = path[..space];
            }

            if (path.StartsWith('/'))
            {
                yield return path;
            }
        }
    }

    private static async Task<string> RunLddAsync(string binary, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ldd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(binary);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ldd did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "Building the egress proxy image needs `ldd` (Debian/Ubuntu: package libc-bin) to find the runtime's libraries.", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await errors;
            return await output;
        }
    }
}
