using System.Text.Json;
using System.Text.RegularExpressions;
using Toolshed.Core.Errors;
using Toolshed.Core.Packages;

namespace Toolshed.Core.Registry.McpRegistry;

/// <summary>
/// Maps MCP Registry server.json documents (schema 2025-12-11, and the snake_case fields of the 2025-07 drafts) to
/// registry entries in the seed's shape: a package of registry type oci becomes its image, npm an <c>npx://</c>
/// reference, pypi an <c>uvx://</c> one (in that order of preference); environment variables, the package's transport
/// and its arguments carry over. Without such a package, the first usable <c>remotes</c> entry makes it a remote
/// server (its URL, transport and headers). Entries Toolshed cannot run (NuGet or MCPB packages only, remotes with URL
/// variables) are listed with the reason in <see cref="RegistryServer.Unsupported"/>. A malformed entry is skipped with a warning naming it; the
/// rest are served. Every entry keeps its original document in <see cref="RegistryServer.McpRegistryServer"/>.
/// </summary>
public static partial class McpRegistryMapper
{
    private static readonly string[] s_preference = ["oci", "npm", "pypi"];

    public static RegistryDocument Map(IReadOnlyList<JsonElement> servers, string source, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(warnings);
        var mapped = new List<(string FullName, RegistryServer Server)>();
        for (var i = 0; i < servers.Count; i++)
        {
            var element = servers[i];
            var label = Text(element, "name") is { } n ? $"'{n}'" : $"#{i + 1}";
            try
            {
                mapped.Add(MapOne(element));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidInputException or KeyNotFoundException)
            {
                warnings.Add($"{source}: entry {label} is malformed ({ex.Message}); skipped.");
            }
        }

        // A short name (the part after the namespace) where it is unique, the whole name where it is not.
        var shortCounts = mapped.GroupBy(m => ShortName(m.FullName)).ToDictionary(g => g.Key, g => g.Count());
        var entries = new Dictionary<string, RegistryServer>(StringComparer.Ordinal);
        foreach (var (fullName, server) in mapped)
        {
            var key = shortCounts[ShortName(fullName)] == 1 ? ShortName(fullName) : Sanitize(fullName);
            if (entries.ContainsKey(key))
            {
                warnings.Add($"{source}: entry '{fullName}' appears more than once; the first is served.");
                continue;
            }

            try
            {
                var single = new RegistryDocument { Servers = new Dictionary<string, RegistryServer> { [key] = server with { Name = key } } };
                entries[key] = RegistryValidator.Validate(single, source).Servers[key];
            }
            catch (InvalidInputException ex)
            {
                warnings.Add($"{source}: entry '{fullName}' is skipped: {ex.Message}");
            }
        }

        return new RegistryDocument { Version = "mcp-registry", LastUpdated = "", Servers = entries };
    }

    private static (string FullName, RegistryServer Server) MapOne(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("it is not a JSON object");
        }

        var name = Text(element, "name") is { Length: > 0 and <= 200 } value ? value : throw new FormatException("it has no name");
        var description = Text(element, "description") ?? Text(element, "title") ?? "";
        var repository = element.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object ? Text(repo, "url") ?? "" : "";
        var server = new RegistryServer
        {
            Name = name,
            Description = description,
            RepositoryUrl = repository,
            McpRegistryServer = element.Clone(),
        };

        var packages = Array(element, "packages");
        var package = s_preference
            .Select(type => packages.FirstOrDefault(p => RegistryType(p) == type))
            .FirstOrDefault(p => p.ValueKind == JsonValueKind.Object);
        if (package.ValueKind == JsonValueKind.Object)
        {
            return (name, FromPackage(server, package));
        }

        var remotes = Array(element, "remotes");
        if (remotes.Count > 0)
        {
            return (name, FromRemotes(server, remotes));
        }

        var reason = packages.Count > 0
            ? $"its packages are of types Toolshed does not build ({string.Join(", ", packages.Select(RegistryType).Distinct())}); Toolshed runs oci, npm and pypi packages, and remote servers"
            : "it has neither packages nor remotes";
        return (name, server with { Unsupported = reason });
    }

    private static RegistryServer FromPackage(RegistryServer server, JsonElement package)
    {
        var type = RegistryType(package);
        var identifier = Text(package, "identifier") ?? Text(package, "name") ?? throw new FormatException("a package has no identifier");
        var version = Text(package, "version");
        var image = type switch
        {
            "npm" => Reference("npx", identifier, version),
            "pypi" => Reference("uvx", identifier, version),
            _ => version is null || identifier.Contains('@', StringComparison.Ordinal) || identifier[(identifier.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal)
                ? identifier
                : $"{identifier}:{version}",
        };

        var (transport, port) = Transport(package);
        var placeholders = new List<RegistryArgument>();
        var arguments = Arguments(package, placeholders);
        return server with
        {
            Image = image,
            Transport = transport,
            TargetPort = port,
            Args = arguments,
            Arguments = placeholders.Count > 0 ? placeholders : null,
            EnvVars = [.. Array(package, "environmentVariables", "environment_variables").Select(EnvVar)],
        };
    }

    private static string Reference(string scheme, string identifier, string? version)
    {
        var text = version is null ? $"{scheme}://{identifier}" : $"{scheme}://{identifier}@{version}";
        return PackageReference.TryParse(text, out _, out var problem) ? text : throw new FormatException($"its package {identifier}: {problem}");
    }

    private static (string Transport, int Port) Transport(JsonElement package)
    {
        var transport = package.TryGetProperty("transport", out var t) ? t : default;
        var type = transport.ValueKind == JsonValueKind.Object ? Text(transport, "type") : Text(package, "transport_type") ?? Text(package, "transport");
        switch (type)
        {
            case null or "stdio":
                return ("stdio", 0);
            case "streamable-http" or "sse":
                var url = transport.ValueKind == JsonValueKind.Object ? Text(transport, "url") : null;
                var port = url is not null && PortInUrl().Match(url) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var p) ? p : 0;
                return port > 0 ? (type, port) : throw new FormatException($"its {type} transport names no port (url '{url}')");
            default:
                throw new FormatException($"its transport '{type}' is unknown");
        }
    }

    /// <summary>
    /// Package arguments in order, each one argv element (a named one is its name, then its value). A value's
    /// <c>{name}</c> placeholders stay in it, each described in <paramref name="placeholders"/>, to be filled at create
    /// time; an optional argument whose placeholders have no default is left out.
    /// </summary>
    private static List<string> Arguments(JsonElement package, List<RegistryArgument> placeholders)
    {
        var arguments = new List<string>();
        foreach (var argument in Array(package, "packageArguments", "package_arguments"))
        {
            var value = Text(argument, "value") ?? Text(argument, "default");
            var required = Bool(argument, "isRequired", "is_required");
            var found = value is null ? [] : Placeholders(value, argument, required);
            if (found.Any(p => p.Default is null && !p.Required))
            {
                continue;
            }

            if (Text(argument, "type") == "named")
            {
                var flag = Text(argument, "name") ?? throw new FormatException("a named argument has no name");
                if (value is null && !required)
                {
                    continue;
                }

                arguments.Add(flag);
                if (value is not null)
                {
                    arguments.Add(value);
                }
            }
            else if (value is not null)
            {
                arguments.Add(value);
            }
            else if (required)
            {
                var hint = Text(argument, "valueHint") ?? Text(argument, "value_hint") ?? "value";
                throw new FormatException($"a required argument ({hint}) has no value or default; give the server's arguments after --");
            }

            foreach (var placeholder in found.Where(p => placeholders.All(known => known.Name != p.Name)))
            {
                placeholders.Add(placeholder);
            }
        }

        return arguments;
    }

    /// <summary>The <c>{name}</c> placeholders of one value, with what the argument's <c>variables</c> say of each.</summary>
    private static List<RegistryArgument> Placeholders(string value, JsonElement argument, bool argumentRequired)
    {
        var variables = argument.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object ? v : default;
        var found = new List<RegistryArgument>();
        foreach (Match match in RegistryArgument.Placeholder().Matches(value))
        {
            var name = match.Groups[1].Value;
            var variable = variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var described) ? described : default;
            found.Add(new RegistryArgument
            {
                Name = name,
                Description = Text(variable, "description") ?? Text(argument, "description") ?? "",
                Required = argumentRequired || Bool(variable, "isRequired", "is_required"),
                Default = Text(variable, "default") ?? Text(variable, "value"),
            });
        }

        return found;
    }

    private static RegistryEnvVar EnvVar(JsonElement variable) => new()
    {
        Name = Text(variable, "name") ?? throw new FormatException("an environment variable has no name"),
        Description = Text(variable, "description") ?? "",
        Required = Bool(variable, "isRequired", "is_required"),
        Secret = Bool(variable, "isSecret", "is_secret"),
        Default = Text(variable, "default") ?? "",
    };

    private static string? RegistryType(JsonElement package) =>
        package.ValueKind == JsonValueKind.Object
            ? (Text(package, "registryType") ?? Text(package, "registry_type") ?? Text(package, "registry_name"))?.ToLowerInvariant() switch
            {
                "docker" => "oci",
                var other => other,
            }
            : null;

    private static string ShortName(string fullName) => Sanitize(fullName[(fullName.LastIndexOf('/') + 1)..]);

    private static string Sanitize(string name)
    {
        var cleaned = NotAllowed().Replace(name, "-").Trim('-', '.', '_');
        cleaned = cleaned.Length > 128 ? cleaned[..128] : cleaned;
        return RegistryNames.IsValid(cleaned) ? cleaned : "server";
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool Bool(JsonElement element, params string[] properties) =>
        properties.Any(p => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(p, out var value) && value.ValueKind == JsonValueKind.True);

    private static List<JsonElement> Array(JsonElement element, params string[] properties)
    {
        foreach (var property in properties)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array)
            {
                return [.. value.EnumerateArray()];
            }
        }

        return [];
    }

    [GeneratedRegex(@"^[a-z]+://[^/:]+:(\d{1,5})(/|$)")]
    private static partial Regex PortInUrl();

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex NotAllowed();
}
