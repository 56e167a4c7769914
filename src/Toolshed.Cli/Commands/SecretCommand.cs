using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Cli.Secrets;
using Toolshed.Core.Secrets;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed secret set|get|list|delete`: the daemon's encrypted secrets over /api/v1beta/secrets. `set` reads the value
/// from stdin when it is redirected, else from a hidden prompt; a value is never an argument, so it never shows in argv.
/// </summary>
internal static class SecretCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("secret", "Manage encrypted secrets that workloads receive as environment variables");
        command.Subcommands.Add(Set(context));
        command.Subcommands.Add(Get(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Delete(context));
        return command;
    }

    private static Argument<string> NameArgument() => new("NAME")
    {
        Description = "The secret's name (letters, digits, '_', '.', '-')",
        Validators =
        {
            result =>
            {
                var name = result.GetValueOrDefault<string>();
                if (!SecretNames.IsValid(name))
                {
                    result.AddError($"'{name}' is not a valid secret name: use 1-{SecretNames.MaxLength} letters, digits, '_', '.' or '-'.");
                }
            },
        },
    };

    private static Command Set(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("set", "Create or replace a secret; the value is read from stdin or a hidden prompt") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var secretName = parse.GetValue(name)!;
            var value = await SecretValueReader.ReadAsync(secretName, context.Console, cancellationToken);
            if (value.Length == 0)
            {
                await context.Error.WriteLineAsync("shed: the value is empty; pipe it in (`printf %s VALUE | shed secret set NAME`) or type it at the prompt.");
                return ShedApp.ExitUsage;
            }

            await client.SetSecretAsync(secretName, value, cancellationToken);
            await context.Error.WriteLineAsync($"Secret {secretName} saved. Restart workloads that use it (`shed restart NAME`) to give them the new value.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static Command Get(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("get", "Print a secret's value") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            await context.Out.WriteLineAsync(await client.RevealSecretAsync(parse.GetValue(name)!, cancellationToken));
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List the names of stored secrets (never their values)") { format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var names = await client.ListSecretsAsync(cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var response = new Server.Secrets.Api.SecretListResponse([.. names.Select(n => new Server.Secrets.Api.SecretSummary(n))]);
                await context.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(response, SecretsCliJsonContext.Default.SecretListResponse));
            }
            else if (names.Count == 0)
            {
                await context.Error.WriteLineAsync("No secrets. Add one with `shed secret set NAME`.");
            }
            else
            {
                foreach (var secretName in names)
                {
                    await context.Out.WriteLineAsync(secretName);
                }
            }

            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("delete", "Delete a secret") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(context, async client =>
        {
            var secretName = parse.GetValue(name)!;
            await client.DeleteSecretAsync(secretName, cancellationToken);
            await context.Error.WriteLineAsync($"Secret {secretName} deleted.");
            return ShedApp.ExitOk;
        }, cancellationToken));
        return command;
    }
}
