using System.Text;

namespace Toolshed.Egress;

/// <summary>The request line and header fields of one HTTP/1.x request sent to the proxy.</summary>
internal sealed record RequestHead(string Method, string Target, string Version, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Parses the head (everything before the blank line, which is not included); null when malformed.</summary>
    public static RequestHead? TryParse(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new RequestHead(parts[0], parts[1], parts[2], headers);
    }

    /// <summary>The request in origin form for the destination server: the path instead of the absolute URL,
    /// hop-by-hop and proxy headers dropped, one request per connection.</summary>
    public byte[] ToOriginForm(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = new StringBuilder();
        builder.Append(Method).Append(' ').Append(target.PathAndQuery).Append(' ').Append(Version).Append("\r\n");
        // The Host the policy allowed, never the client's own (which could front another site on a shared address).
        builder.Append("Host: ").Append(target.Authority).Append("\r\n");
        foreach (var (name, value) in Headers)
        {
            if (!IsHopByHop(name) && !name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                builder.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        builder.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(builder.ToString());
    }

    private static bool IsHopByHop(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("TE", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase);
}
