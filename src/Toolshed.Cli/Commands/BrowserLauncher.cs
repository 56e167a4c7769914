using System.Diagnostics;

namespace Toolshed.Cli.Commands;

/// <summary>
/// Opens a URL in the user's browser where there is one: the program in $BROWSER, else xdg-open when a desktop session
/// is there (DISPLAY or WAYLAND_DISPLAY). Never waits for the browser; false when nothing could be opened.
/// </summary>
internal static class BrowserLauncher
{
    public static bool TryOpen(Uri url, Func<string, string?> getVariable)
    {
        var program = getVariable("BROWSER") is { Length: > 0 } browser
            ? browser
            : getVariable("DISPLAY") is { Length: > 0 } || getVariable("WAYLAND_DISPLAY") is { Length: > 0 } ? "xdg-open" : null;
        if (program is null)
        {
            return false;
        }

        try
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(url.AbsoluteUri);
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            // Drained so a chatty browser never blocks on a full pipe; the URL is an argument, never a shell word.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
