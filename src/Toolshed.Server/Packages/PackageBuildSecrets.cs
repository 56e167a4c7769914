using Toolshed.Core.Errors;
using Toolshed.Core.Packages;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Server.Packages;

/// <summary>A package build's credentials: from the request (secret name and file) to the spec, and from the secret store to the build.</summary>
public static class PackageBuildSecrets
{
    /// <summary>Checks <c>build_secrets</c>: each a stored secret's name and one of the credentials files, each file once.</summary>
    public static IReadOnlyList<PackageBuildSecret> Map(IReadOnlyList<SecretParameter>? parameters)
    {
        if (parameters is null or { Count: 0 })
        {
            return [];
        }

        var mapped = new List<PackageBuildSecret>();
        foreach (var parameter in parameters)
        {
            if (string.IsNullOrWhiteSpace(parameter?.Name) || parameter.Target is not { } file || !PackageBuildSecret.Files.Contains(file))
            {
                throw new InvalidInputException(
                    $"Each build_secrets entry needs a secret name and a target of {string.Join(", ", PackageBuildSecret.Files)} (the credentials file the installer reads).",
                    "build_secrets",
                    "e.g. {\"name\": \"npm-token\", \"target\": \"npmrc\"} with the secret holding the .npmrc's text.");
            }

            if (mapped.Any(m => m.File == file))
            {
                throw new InvalidInputException($"build_secrets names the file {file} twice.", "build_secrets");
            }

            mapped.Add(new PackageBuildSecret(parameter.Name.Trim(), file));
        }

        return mapped;
    }

    /// <summary>The credentials files' contents for a build; a missing secret is a 400 naming it (never a value).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        ISecretResolver secrets, PackageSpec? package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var secret in package?.BuildSecrets ?? [])
        {
            files[secret.File] = await secrets.GetAsync(secret.Name, cancellationToken)
                ?? throw new InvalidInputException(
                    $"The secret '{secret.Name}' (build credentials for {secret.File}) does not exist. Create it with `shed secret set {secret.Name}`, then try again.",
                    "build_secrets");
        }

        return files;
    }
}
