using System.Text;

namespace Toolshed.Cli.Daemon.Service;

/// <summary>
/// Renders a <see cref="ServiceUnit"/> as a systemd unit file. Every value is quoted the way systemd reads it: C-style
/// escapes inside double quotes, "%" doubled (specifiers), and in ExecStart "$" doubled (variable expansion), so a path
/// with spaces or a "$" in it reaches the daemon unchanged. Control characters cannot be written and are refused.
/// </summary>
public static class ServiceUnitRenderer
{
    public static string Render(ServiceUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Command.Count == 0 || !Path.IsPathRooted(unit.Command[0]))
        {
            throw new ArgumentException("The unit's command must start with an absolute executable path.", nameof(unit));
        }

        var text = new StringBuilder();
        text.Append("# Written by `shed daemon install`; remove it with `shed daemon uninstall`.\n");
        text.Append("[Unit]\n");
        text.Append("Description=Toolshed daemon: REST API and every MCP workload's URL (shed serve)\n");
        text.Append("After=network.target\n\n");
        text.Append("[Service]\n");
        text.Append("Type=exec\n");
        text.Append("ExecStart=").AppendJoin(' ', unit.Command.Select(argument => Quote(argument, command: true))).Append('\n');
        foreach (var (name, value) in unit.Environment)
        {
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
            {
                throw new ArgumentException($"'{name}' is not an environment variable name systemd accepts.", nameof(unit));
            }

            text.Append("Environment=").Append(Quote($"{name}={value}", command: false)).Append('\n');
        }

        if (unit.LogPath is { } log && IsPlainPath(log))
        {
            text.Append("StandardOutput=append:").Append(log.Replace("%", "%%", StringComparison.Ordinal)).Append('\n');
            text.Append("StandardError=inherit\n");
        }

        text.Append("Restart=on-failure\n");
        text.Append("RestartSec=5\n");
        text.Append("TimeoutStopSec=30\n\n");
        text.Append("[Install]\n");
        text.Append("WantedBy=default.target\n");
        return text.ToString();
    }

    /// <summary>One value in double quotes, escaped for systemd.</summary>
    internal static string Quote(string value, bool command)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A control character (U+{(int)c:X4}) cannot be written into a systemd unit: '{value}'.", nameof(value));
            }

            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '%' => "%%",
                '$' when command => "$$",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>StandardOutput=append: takes a bare path: only one without whitespace, quotes or backslashes.</summary>
    private static bool IsPlainPath(string path) =>
        Path.IsPathRooted(path) && !path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '\\');
}
