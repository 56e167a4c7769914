using System.Globalization;
using Toolshed.Core.Runtime;

namespace Toolshed.Runtime.Docker.Egress;

/// <summary>
/// Reads the decision lines the egress proxy writes to its log (<c>TIME allow|deny METHOD HOST:PORT …</c>, see
/// Toolshed.Egress's EgressLog); every other line is not a decision. The host is at most 253 characters, as in DNS.
/// </summary>
internal static class EgressLogLine
{
    private const int MaxHostChars = 253;

    public static EgressDecision? Parse(string line)
    {
        var parts = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || parts[1] is not ("allow" or "deny"))
        {
            return null;
        }

        var target = parts[3];
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || colon > MaxHostChars
            || !int.TryParse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        return new EgressDecision(parts[1] == "allow", parts[2], target[..colon], port);
    }
}
