namespace Toolshed.Egress.Policy;

/// <summary>How an <c>allow_host</c> entry matches a destination host.</summary>
public enum HostRuleKind
{
    /// <summary><c>api.example.com</c> or an IP address: that host only.</summary>
    Exact,

    /// <summary><c>.example.com</c>: the domain itself and every subdomain (as in Squid's <c>dstdomain</c>).</summary>
    DomainAndSubdomains,

    /// <summary><c>*.example.com</c>: every subdomain, not the domain itself.</summary>
    SubdomainsOnly,
}
