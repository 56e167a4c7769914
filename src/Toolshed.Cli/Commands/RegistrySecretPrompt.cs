using System.Text.RegularExpressions;
using Toolshed.Cli.Api;
using Toolshed.Cli.Registry;
using Toolshed.Core.Packages;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed run REGISTRY/SERVER` at a terminal: every required secret of the entry that no <c>--secret</c> gives is asked
/// for — the name of a stored secret, or (Enter) its value, read without echo and stored as a secret named after the
/// server and the variable. Without a terminal nothing is asked: the daemon says which secrets are missing and how to
/// give them. The entry is the one `shed run` already looked up for its argument.
/// </summary>
internal static partial class RegistrySecretPrompt
{
    private const int MaxSecretChars = 64 * 1024;

    public static async Task<IReadOnlyList<SecretParameter>?> AskAsync(
        CliContext context, ToolshedApiClient client, CreateServerRequest request, RegistryServerView? entry, CancellationToken cancellationToken)
    {
        if (!context.Console.IsInputInteractive || request.Image is not { Length: > 0 } image || PackageReference.IsPackage(image)
            || request.Image.Contains(':', StringComparison.Ordinal) || entry is not { } server)
        {
            return request.Secrets;
        }

        var secrets = new List<SecretParameter>(request.Secrets ?? []);
        var plain = request.EnvVars ?? [];
        foreach (var variable in server.EnvVars ?? [])
        {
            if (!variable.Secret || !variable.Required || secrets.Any(s => s.Target == variable.Name)
                || plain.Any(e => e.StartsWith(variable.Name + "=", StringComparison.Ordinal)))
            {
                continue;
            }

            var about = string.IsNullOrWhiteSpace(variable.Description) ? "" : $" ({variable.Description})";
            await context.Error.WriteAsync($"{server.Name} needs the secret {variable.Name}{about}. Name of a stored secret, or Enter to type its value: ");
            var name = (await context.Console.ReadLineAsync(cancellationToken))?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                await context.Error.WriteAsync($"Value of {variable.Name} (not shown): ");
                var value = await context.Console.ReadHiddenLineAsync(MaxSecretChars, cancellationToken);
                await context.Error.WriteLineAsync();
                if (value.Length == 0)
                {
                    throw new CliException($"No value given for {variable.Name}; nothing was created.");
                }

                name = SecretName(server.Name ?? "server", variable.Name);
                await client.SetSecretAsync(name, value, cancellationToken);
                await context.Error.WriteLineAsync($"Stored it as the secret '{name}' (`shed secret rm {name}` forgets it).");
            }

            secrets.Add(new SecretParameter { Name = name, Target = variable.Name });
        }

        return secrets.Count == 0 ? null : secrets;
    }

    private static string SecretName(string server, string variable) =>
        NotAllowed().Replace($"{server}-{variable}".ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9_.-]+")]
    private static partial Regex NotAllowed();
}
