using System.CommandLine;
using Toolshed.Cli.Output;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>`shed auth login|logout|status NAME`: signing in to a remote workload's server.</summary>
internal static class AuthCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("auth", "Sign in to a remote MCP server (OAuth in your browser), sign out, or see where a sign-in stands")
        {
            Login(context),
            Logout(context),
            Status(context),
        };
        return command;
    }

    private static Command Login(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The remote workload" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the sign-in URL instead of opening a browser" };
        var command = new Command("login", "Sign in to a remote workload's server through your browser; the daemon keeps and refreshes the token")
        {
            name, noBrowser,
        };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(
            context,
            async client =>
            {
                var workload = parse.GetValue(name)!;
                var status = await RemoteSignIn.RunAsync(context, client, workload, !parse.GetValue(noBrowser), cancellationToken);
                await context.Out.WriteLineAsync($"Signed in: '{workload}' reaches its remote{Issuer(status)}.");
                return ShedApp.ExitOk;
            },
            cancellationToken));
        return command;
    }

    private static Command Logout(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The remote workload" };
        var command = new Command("logout", "Forget a remote workload's tokens; its next request needs a new sign-in") { name };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(
            context,
            async client =>
            {
                var workload = parse.GetValue(name)!;
                await client.SignOutAsync(workload, cancellationToken);
                await context.Out.WriteLineAsync($"Signed out of the remote of '{workload}'.");
                return ShedApp.ExitOk;
            },
            cancellationToken));
        return command;
    }

    private static Command Status(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The remote workload" };
        var format = OutputFormatOption.Create();
        var command = new Command("status", "Where a remote workload's sign-in stands (never shows a token)") { name, format };
        command.SetAction((parse, cancellationToken) => DaemonAction.RunAsync(
            context,
            async client =>
            {
                var status = await client.GetSignInAsync(parse.GetValue(name)!, 0, cancellationToken);
                if (parse.GetValue(format) == OutputFormat.Json)
                {
                    await context.Out.WriteLineAsync(JsonOutput.Serialize(status));
                    return ShedApp.ExitOk;
                }

                await context.Out.WriteLineAsync(Describe(status));
                return ShedApp.ExitOk;
            },
            cancellationToken));
        return command;
    }

    internal static string Describe(SignInInfo status) => status.State switch
    {
        "signed_in" => $"signed in{Issuer(status)}{(status.ExpiresAt is { } at ? $", token valid until {at.ToLocalTime():u} (refreshed before then)" : "")}",
        "needs_sign_in" => $"needs sign-in: {status.Reason ?? "the remote asks for authorization"}",
        _ => "no sign-in needed so far",
    };

    private static string Issuer(SignInInfo status) => status.Issuer is { } issuer ? $" at {issuer}" : "";
}
