using Toolshed.Core.Errors;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>
/// Fills a registry entry's <c>{name}</c> placeholders (see <see cref="RegistryArgument"/>) with the request's
/// <c>registry_arguments</c> or their defaults. A value replaces its placeholder inside its own argv element: nothing is
/// split, quoted or handed to a shell, so spaces, quotes, <c>;</c> or <c>$(…)</c> reach the server as written.
/// </summary>
public static class RegistryArgumentFiller
{
    public static IReadOnlyList<string> Fill(RegistryServer server, IReadOnlyDictionary<string, string>? given)
    {
        ArgumentNullException.ThrowIfNull(server);
        var placeholders = server.Arguments ?? [];
        var values = given ?? new Dictionary<string, string>();
        var unknown = values.Keys.Where(name => placeholders.All(p => p.Name != name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException(
                placeholders.Count == 0
                    ? $"The registry server {server.Name} takes no arguments by name (it has no placeholders); give its arguments after -- instead."
                    : $"The registry server {server.Name} has no argument named {string.Join(", ", unknown)}; it takes {string.Join(", ", placeholders.Select(p => p.Name))}.",
                "registry_arguments");
        }

        if (values.Values.Any(value => value is null || value.Contains('\0', StringComparison.Ordinal)))
        {
            throw new InvalidInputException("registry_arguments values may not be null or contain NUL characters.", "registry_arguments");
        }

        var missing = placeholders.Where(p => !values.ContainsKey(p.Name) && p.Default is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException(
                $"The registry server {server.Name} needs {string.Join(", ", missing.Select(p => p.Name + (p.Description.Length > 0 ? $" ({p.Description})" : "")))}.",
                "registry_arguments",
                $"Give {(missing.Count == 1 ? "it" : "them")} with {string.Join(" ", missing.Select(p => $"--arg {p.Name}=VALUE"))}.");
        }

        return [.. server.Args.Select(argument => RegistryArgument.Placeholder().Replace(argument, match =>
            placeholders.Any(p => p.Name == match.Groups[1].Value)
                ? values.TryGetValue(match.Groups[1].Value, out var value) ? value : placeholders.First(p => p.Name == match.Groups[1].Value).Default!
                : match.Value))];
    }
}
