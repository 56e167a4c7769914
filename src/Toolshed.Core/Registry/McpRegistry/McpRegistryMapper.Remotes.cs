using System.Text.Json;
using Toolshed.Core.Remote;

namespace Toolshed.Core.Registry.McpRegistry;

/// <summary>An MCP Registry entry's <c>remotes</c>: the first one Toolshed can connect to, with its headers.</summary>
public static partial class McpRegistryMapper
{
    private static RegistryServer FromRemotes(RegistryServer server, List<JsonElement> remotes)
    {
        var problems = new List<string>();
        foreach (var remote in remotes)
        {
            var url = Text(remote, "url");
            var type = (Text(remote, "type") ?? Text(remote, "transport_type"))?.Replace('_', '-');
            if (type is not ("streamable-http" or "sse"))
            {
                problems.Add($"{url}: transport '{type}' is not a remote's");
                continue;
            }

            if (url is null || url.Contains('{', StringComparison.Ordinal))
            {
                problems.Add($"{url}: its URL has variables, which Toolshed does not fill in yet");
                continue;
            }

            Uri.TryCreate(url, UriKind.Absolute, out var parsed);
            if (RemoteUrlRules.Problem(parsed) is { } problem)
            {
                problems.Add($"{url}: {problem}");
                continue;
            }

            return server with
            {
                Url = parsed!.ToString(),
                Transport = type,
                Headers = [.. Array(remote, "headers").Select(RemoteHeaderOf)],
            };
        }

        return server with { Unsupported = $"none of its remotes can be used ({string.Join("; ", problems)})" };
    }

    /// <summary>A header as the registry describes it; a value with <c>{placeholders}</c> is the user's to give.</summary>
    private static RegistryHeader RemoteHeaderOf(JsonElement header)
    {
        var value = Text(header, "value") ?? Text(header, "default") ?? "";
        var secret = Bool(header, "isSecret", "is_secret");
        var templated = value.Contains('{', StringComparison.Ordinal);
        var description = Text(header, "description") ?? "";
        return new RegistryHeader
        {
            Name = Text(header, "name") ?? throw new FormatException("a remote's header has no name"),
            Description = templated ? $"{description} (as {value})".TrimStart() : description,
            Required = Bool(header, "isRequired", "is_required") || templated,
            Secret = secret,
            Default = templated || secret ? "" : value,
        };
    }
}
