using System.Net;

namespace Toolshed.Egress.Policy;

/// <summary>One entry of an allow-list's hosts, normalised to lower case without a trailing dot.</summary>
public sealed record HostRule(string Domain, HostRuleKind Kind)
{
    /// <summary>Parses an <c>allow_host</c> entry; returns null and says why when it is not a host pattern.</summary>
    public static HostRule? TryParse(string entry, out string? error)
    {
        error = null;
        var text = (entry ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        var kind = HostRuleKind.Exact;
        if (text.StartsWith("*.", StringComparison.Ordinal))
        {
            kind = HostRuleKind.SubdomainsOnly;
            text = text[2..];
        }
        else if (text.StartsWith('.'))
        {
            kind = HostRuleKind.DomainAndSubdomains;
            text = text[1..];
        }

        if (text.Length == 0)
        {
            error = $"'{entry}' names no host; write a host name such as api.example.com, or .example.com for a domain and its subdomains.";
            return null;
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
        {
            error = $"'{entry}' is a URL; allow_host takes host names only (e.g. api.example.com), ports go in allow_port.";
            return null;
        }

        if (IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            if (kind != HostRuleKind.Exact)
            {
                error = $"'{entry}' puts a wildcard on an IP address; wildcards work on domain names only.";
                return null;
            }

            return new HostRule(address.ToString(), HostRuleKind.Exact);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            error = $"'{entry}' carries a port; put host names in allow_host and ports in allow_port.";
            return null;
        }

        if (!IsHostName(text))
        {
            error = $"'{entry}' is not a host name: use letters, digits, '-' and '.', optionally starting with '.' or '*.' for subdomains.";
            return null;
        }

        return new HostRule(text, kind);
    }

    /// <summary>Whether <paramref name="host"/> (as the client named it) matches this rule.</summary>
    public bool Matches(string host)
    {
        var candidate = Normalize(host);
        return Kind switch
        {
            HostRuleKind.Exact => candidate == Domain,
            HostRuleKind.DomainAndSubdomains => candidate == Domain || IsSubdomain(candidate),
            _ => IsSubdomain(candidate),
        };
    }

    public override string ToString() => Kind switch
    {
        HostRuleKind.Exact => Domain,
        HostRuleKind.DomainAndSubdomains => "." + Domain,
        _ => "*." + Domain,
    };

    public static string Normalize(string host)
    {
        var text = host.Trim().TrimEnd('.').ToLowerInvariant();
        return IPAddress.TryParse(text.Trim('[', ']'), out var address) ? address.ToString() : text;
    }

    private bool IsSubdomain(string candidate) =>
        candidate.Length > Domain.Length + 1
        && candidate.EndsWith(Domain, StringComparison.Ordinal)
        && candidate[candidate.Length - Domain.Length - 1] == '.';

    /// <summary>Whether a destination as a client named it is a plain host name or IP address (no NUL, spaces,
    /// control characters or anything else a resolver might cut or read differently from the policy check).</summary>
    public static bool IsValidDestination(string host)
    {
        var text = (host ?? "").Trim('[', ']');
        return IPAddress.TryParse(text, out _) || IsHostName(Normalize(text));
    }

    private static bool IsHostName(string text)
    {
        if (text.Length > 253)
        {
            return false;
        }

        foreach (var label in text.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
            {
                return false;
            }

            if (!label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
