using System.CommandLine;
using System.Text.Json;
using Toolshed.Cli.Api;
using Toolshed.Cli.Mcp;
using Toolshed.Cli.Output;
using Toolshed.Server.Groups.Api;
using Toolshed.Server.Workloads;
using Toolshed.Server.Workloads.Api;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed run SERVER|IMAGE [options] [-- ARGS]`: creates a workload, waits until it answers MCP through its proxy, and
/// prints its URLs and a client configuration snippet.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var server = new Argument<string>("server")
        {
            Description = "A registry server name (or registry/server), a container image, or a package: npx://[@scope/]name[@version], uvx://name[@version], go://module[@version], npx://./dir",
        };
        var args = new Argument<string[]>("args") { Description = "Arguments for the server's command, after --", Arity = ArgumentArity.ZeroOrMore };
        var name = new Option<string>("--name") { Description = "Name of the workload (default: derived from the server or image)" };
        var transport = new Option<string>("--transport") { Description = "How the server speaks MCP: stdio, sse or streamable-http (default: the registry's)" }
            .Check(RunOptionSyntax.CheckTransport);
        var targetPort = new Option<int>("--target-port") { Description = "Port the server listens on inside the container (sse, streamable-http)" }.CheckPort(1);
        var proxyPort = new Option<int>("--proxy-port") { Description = "Host port to serve the workload on (default: a free one)" }.CheckPort(0);
        var env = new Option<string[]>("--env", "-e") { Description = "Environment variable KEY=VALUE (repeatable)", Arity = ArgumentArity.ZeroOrMore }
            .Check(RunOptionSyntax.CheckEnv);
        var secrets = new Option<string[]>("--secret") { Description = "Stored secret to inject: NAME,target=ENV_VAR (repeatable)", Arity = ArgumentArity.ZeroOrMore }
            .Check(RunOptionSyntax.CheckSecret);
        var volumes = new Option<string[]>("--volume", "-v") { Description = "Mount HOST_PATH:CONTAINER_PATH[:ro] (repeatable)", Arity = ArgumentArity.ZeroOrMore }
            .Check(RunOptionSyntax.CheckVolume);
        var permissionProfile = new Option<string>("--permission-profile") { Description = "none, network, or a permission profile JSON file (default: the registry's)" }
            .Check(RunOptionSyntax.CheckPermissionProfile);
        var host = new Option<string>("--host") { Description = "Address the workload's proxy binds to (default 127.0.0.1)" };
        var oidcIssuer = new Option<string>("--oidc-issuer") { Description = "OIDC issuer whose tokens callers must present" };
        var oidcAudience = new Option<string>("--oidc-audience") { Description = "Expected audience of callers' tokens" };
        var oidcJwksUrl = new Option<string>("--oidc-jwks-url") { Description = "URL of the issuer's signing keys" };
        var oidcClientId = new Option<string>("--oidc-client-id") { Description = "OIDC client id" };
        var authzConfig = new Option<string>("--authz-config") { Description = "Authorization policy file (Cedar, ToolHive format, JSON or YAML); its content is sent" };
        var allowSensitiveMount = new Option<bool>("--allow-sensitive-mount")
        {
            Description = "Allow -v and profile paths that expose the host: /, the container engine's socket, Toolshed's state, /proc, /sys, /dev, /boot",
        };
        var memory = new Option<string>("--memory") { Description = "Memory limit of the container, e.g. 512m or 2g (default 1g)" };
        var pidsLimit = new Option<long>("--pids-limit") { Description = "Most processes and threads the container may run (default 512)" };
        var buildSecrets = new Option<string[]>("--build-secret")
        {
            Description = "For a package: a stored secret its build reads as an installer credentials file, NAME,target=npmrc|pip.conf|netrc (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        }.Check(RunOptionSyntax.CheckBuildSecret);
        var registryArguments = new Option<string[]>("--arg")
        {
            Description = "For a registry server with argument placeholders: NAME=VALUE (repeatable); the value stays one argument, never split",
            Arity = ArgumentArity.ZeroOrMore,
        }.Check(value => value.IndexOf('=', StringComparison.Ordinal) > 0 ? null : $"--arg '{value}' must be NAME=VALUE.");
        var rebuild = new Option<bool>("--rebuild") { Description = "For a package: build its image again, even when one from the same inputs exists" };
        var runtimeImage = new Option<string>("--runtime-image")
        {
            Description = "For a package: the image to build on and run from (default: node, python or golang/alpine as the daemon is configured)",
        };
        var headers = new Option<string[]>("--header")
        {
            Description = "For a remote URL: a header for every request to it, 'Name: value'; {secret:NAME} in the value is a stored secret (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var oauthClientId = new Option<string>("--oauth-client-id") { Description = "For a remote URL: a client registered with its authorization server (default: Toolshed registers one)" };
        var oauthClientSecret = new Option<string>("--oauth-client-secret") { Description = "For a remote URL: the stored secret holding that client's secret" };
        var oauthScopes = new Option<string>("--oauth-scopes") { Description = "For a remote URL: scopes to ask for, comma-separated (default: those the remote names)" };
        var oauthCallbackPort = new Option<int>("--oauth-callback-port") { Description = "For a remote URL: the loopback port the sign-in's browser returns to" }.CheckPort(1024);
        var oauthMetadataUrl = new Option<string>("--oauth-client-metadata-url") { Description = "For a remote URL: an https Client ID Metadata Document to sign in as, where supported" };
        var oauthPrivateHosts = new Option<string[]>("--oauth-allow-private-host")
        {
            Description = "For a remote URL: a host its metadata may point token or registration endpoints at although it is private (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var group = new Option<string>("--group")
        {
            Description = "A group the new workload joins once created (`shed group create` makes one): the group's URL then serves its tools too",
        };
        var noBrowser = new Option<bool>("--no-browser") { Description = "For a remote URL that needs sign-in: print the sign-in URL instead of opening a browser" };
        var format = OutputFormatOption.Create();
        var toolsOptions = new ToolsOptions();

        var command = new Command("run", "Run an MCP server (an image, a registry server or a package) in a container and serve it at a local URL")
        {
            server, args, name, transport, targetPort, proxyPort, env, secrets, volumes, permissionProfile, host,
            oidcIssuer, oidcAudience, oidcJwksUrl, oidcClientId, authzConfig, allowSensitiveMount, memory, pidsLimit,
            registryArguments, buildSecrets, rebuild, runtimeImage, headers, oauthClientId, oauthClientSecret, oauthScopes,
            oauthCallbackPort, oauthMetadataUrl, oauthPrivateHosts, noBrowser, group, format,
        };
        foreach (var option in toolsOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ServerArgumentsCheck.Find(parse, args, command) is { } usage)
            {
                await context.Error.WriteLineAsync($"shed: {usage}");
                return ShedApp.ExitUsage;
            }

            return await DaemonAction.RunAsync(context, client => RunAsync(context, parse, client, cancellationToken), cancellationToken);
        });
        return command;

        async Task<int> RunAsync(CliContext context, ParseResult parse, ToolshedApiClient client, CancellationToken cancellationToken)
        {
            // A group that is not there fails now, before any prompt, pull or build; its URL is printed at the end.
            var joining = parse.GetValue(group) is { } groupName ? await client.GetGroupAsync(groupName, cancellationToken) : null;

            // A URL, or a registry entry of a remote server, is served here from where it runs.
            var entry = RemoteUrl.IsRemote(parse.GetValue(server)) ? null : await RegistryEntry.FindAsync(client, parse.GetValue(server)!, cancellationToken);
            if (RemoteUrl.IsRemote(parse.GetValue(server)) || entry is { Url: { Length: > 0 } })
            {
                return await RunRemoteAsync(context, parse, client, joining, cancellationToken);
            }

            var tools = await toolsOptions.ReadAsync(parse, cancellationToken);
            var request = new CreateServerRequest
            {
                Tools = tools.Tools,
                ToolsOverride = tools.ToolsOverride,
                Image = LocalPackagePath.Resolve(parse.GetValue(server), Environment.CurrentDirectory),
                RuntimeImage = parse.GetValue(runtimeImage),
                BuildSecrets = NullIfEmpty(parse.GetValue(buildSecrets))?.Select(ToSecret).ToArray(),
                RegistryArguments = NullIfEmpty(parse.GetValue(registryArguments))?
                    .Select(value => value.Split('=', 2))
                    .GroupBy(pair => pair[0], StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal),
                Name = parse.GetValue(name),
                Transport = parse.GetValue(transport),
                TargetPort = parse.GetResult(targetPort) is null ? null : parse.GetValue(targetPort),
                ProxyPort = parse.GetResult(proxyPort) is null ? null : parse.GetValue(proxyPort),
                EnvVars = NullIfEmpty(parse.GetValue(env)),
                Secrets = NullIfEmpty(parse.GetValue(secrets))?.Select(ToSecret).ToArray(),
                Volumes = NullIfEmpty(parse.GetValue(volumes)),
                PermissionProfile = await ReadProfileAsync(parse.GetValue(permissionProfile), cancellationToken),
                Host = parse.GetValue(host),
                CmdArguments = NullIfEmpty(parse.GetValue(args)),
                AuthzConfig = parse.GetValue(authzConfig) is { } authz ? await ReadAuthzConfigAsync(authz, cancellationToken) : null,
                AllowSensitiveMounts = parse.GetValue(allowSensitiveMount) ? true : null,
                Oidc = OidcFrom(parse.GetValue(oidcIssuer), parse.GetValue(oidcAudience), parse.GetValue(oidcJwksUrl), parse.GetValue(oidcClientId)),
                MemoryLimit = parse.GetValue(memory),
                PidsLimit = parse.GetResult(pidsLimit) is null ? null : parse.GetValue(pidsLimit),
            };

            request = request with { Secrets = await RegistrySecretPrompt.AskAsync(context, client, request, entry, cancellationToken) };
            var pulled = await Images.ImagePuller.PullAsync(
                context,
                client,
                new Toolshed.Server.Images.Api.PullImageRequest
                {
                    Image = request.Image,
                    Rebuild = parse.GetValue(rebuild) ? true : null,
                    RuntimeImage = request.RuntimeImage,
                    BuildSecrets = request.BuildSecrets,
                },
                cancellationToken);
            if (Toolshed.Core.Packages.PackageReference.IsPackage(request.Image) && pulled is not null)
            {
                // Create the workload from exactly the version that was just built.
                request = request with { Image = pulled };
            }

            return await ServeAsync(context, parse, client, request, joining, cancellationToken);
        }

        async Task<int> RunRemoteAsync(CliContext context, ParseResult parse, ToolshedApiClient client, GroupSummary? joining, CancellationToken cancellationToken)
        {
            var scopes = parse.GetValue(oauthScopes)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var oauth = new OAuthConfigOptions
            {
                ClientId = parse.GetValue(oauthClientId),
                ClientSecret = parse.GetValue(oauthClientSecret),
                ClientMetadataUrl = parse.GetValue(oauthMetadataUrl),
                Scopes = scopes is { Length: > 0 } ? scopes : null,
                CallbackPort = parse.GetResult(oauthCallbackPort) is null ? null : parse.GetValue(oauthCallbackPort),
                AllowedPrivateHosts = NullIfEmpty(parse.GetValue(oauthPrivateHosts)),
            };
            var tools = await toolsOptions.ReadAsync(parse, cancellationToken);
            var request = new CreateServerRequest
            {
                Tools = tools.Tools,
                ToolsOverride = tools.ToolsOverride,
                Url = RemoteUrl.IsRemote(parse.GetValue(server)) ? parse.GetValue(server) : null,
                Image = RemoteUrl.IsRemote(parse.GetValue(server)) ? null : parse.GetValue(server),
                Headers = NullIfEmpty(parse.GetValue(headers)),
                OAuthConfig = oauth == new OAuthConfigOptions() ? null : oauth,
                Name = parse.GetValue(name),
                Transport = parse.GetValue(transport),
                ProxyPort = parse.GetResult(proxyPort) is null ? null : parse.GetValue(proxyPort),
                Host = parse.GetValue(host),
                AuthzConfig = parse.GetValue(authzConfig) is { } authz ? await ReadAuthzConfigAsync(authz, cancellationToken) : null,
                Oidc = OidcFrom(parse.GetValue(oidcIssuer), parse.GetValue(oidcAudience), parse.GetValue(oidcJwksUrl), parse.GetValue(oidcClientId)),
                // Refused by the daemon with a sentence each: nothing of a remote runs here.
                EnvVars = NullIfEmpty(parse.GetValue(env)),
                Secrets = NullIfEmpty(parse.GetValue(secrets))?.Select(ToSecret).ToArray(),
                Volumes = NullIfEmpty(parse.GetValue(volumes)),
                CmdArguments = NullIfEmpty(parse.GetValue(args)),
                TargetPort = parse.GetResult(targetPort) is null ? null : parse.GetValue(targetPort),
                PermissionProfile = await ReadProfileAsync(parse.GetValue(permissionProfile), cancellationToken),
                MemoryLimit = parse.GetValue(memory),
            };
            return await ServeAsync(context, parse, client, request, joining, cancellationToken, remote: true);
        }

        async Task<int> ServeAsync(
            CliContext context, ParseResult parse, ToolshedApiClient client, CreateServerRequest request, GroupSummary? joining, CancellationToken cancellationToken,
            bool remote = false)
        {
            var created = await client.CreateServerAsync(request with { Group = joining?.Name }, cancellationToken);
            if (remote && (await client.GetServerAsync(created.Name, cancellationToken)).Remote?.SignIn is { State: "needs_sign_in" })
            {
                if (!context.Console.IsInputInteractive && context.GetVariable("BROWSER") is not { Length: > 0 })
                {
                    await context.Error.WriteLineAsync(
                        $"Created '{created.Name}'{(joining is null ? "" : $" in group '{joining.Name}'")}; its remote needs sign-in. On this machine, run `shed auth login {created.Name}` and open the URL it prints.");
                    return ShedApp.ExitOk;
                }

                try
                {
                    await RemoteSignIn.RunAsync(context, client, created.Name, !parse.GetValue(noBrowser), cancellationToken);
                }
                catch (CliException ex)
                {
                    throw new CliException(
                        $"{ex.Message}\nThe workload '{created.Name}' is kept; it waits for sign-in. Fix the cause and run `shed auth login {created.Name}`, or remove it with `shed rm {created.Name}`.",
                        ex.ExitCode);
                }
            }

            var baseUrl = $"http://{WorkloadUrls.UrlHost(request.Host)}:{created.Port}";
            var result = new RunResult(created.Name, created.Port, $"{baseUrl}/mcp", $"{baseUrl}/sse", McpClientConfig.For(created.Name, $"{baseUrl}/mcp"))
            {
                Group = joining?.Name,
                GroupUrl = joining?.Url,
            };

            await context.Error.WriteLineAsync($"Created '{created.Name}'; waiting for it to answer MCP at {result.Url}…");
            var readiness = await WorkloadReadiness.WaitAsync(
                client, created.Name, new Uri(result.Url), restartsBefore: 0, context.StartTimeout, context.TimeProvider, cancellationToken);
            if (!readiness.IsReady)
            {
                throw await ReadinessFailure.DescribeAsync(client, created.Name, readiness, cancellationToken, remote);
            }

            await WriteAsync(context, result, parse.GetValue(format));
            return ShedApp.ExitOk;
        }
    }

    private static async Task WriteAsync(CliContext context, RunResult result, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            await context.Out.WriteLineAsync(JsonOutput.Serialize(result));
            return;
        }

        await context.Out.WriteLineAsync($"'{result.Name}' is running.");
        await context.Out.WriteLineAsync($"  Streamable HTTP: {result.Url}");
        await context.Out.WriteLineAsync($"  SSE (legacy):    {result.SseUrl}");
        if (result.Group is { } group)
        {
            await context.Out.WriteLineAsync(result.GroupUrl is { } groupUrl
                ? $"It joined group '{group}': {groupUrl} serves it with the group's other members."
                : $"It joined group '{group}' (`shed group inspect {group}` shows what the group serves).");
        }

        await context.Out.WriteLineAsync();
        await context.Out.WriteLineAsync("Add it to an MCP client's configuration:");
        await context.Out.WriteLineAsync(JsonOutput.Serialize(result.ClientConfig));
    }

    // The daemon may run elsewhere or in another directory, so a file's content travels, not its path.
    private static async Task<JsonElement?> ReadProfileAsync(string? value, CancellationToken cancellationToken)
    {
        if (value is null or "none" or "network")
        {
            return value is null ? null : JsonSerializer.SerializeToElement(value, CliJsonContext.Default.String);
        }

        var text = await InlineFile.ReadAsync(value, "--permission-profile", cancellationToken);
        return InlineFile.AsObject(text)
            ?? throw new CliException($"--permission-profile: {value} is not a JSON object (a permission profile has read, write and network).", ShedApp.ExitUsage);
    }

    internal static async Task<JsonElement> ReadAuthzConfigAsync(string path, CancellationToken cancellationToken)
    {
        var text = await InlineFile.ReadAsync(path, "--authz-config", cancellationToken);
        // JSON goes as an object; YAML as its text (which the daemon tells from a path by its line breaks).
        return InlineFile.AsObject(text)
            ?? JsonSerializer.SerializeToElement(text.Contains('\n', StringComparison.Ordinal) ? text : text + "\n", CliJsonContext.Default.String);
    }

    private static SecretParameter ToSecret(string value) =>
        RunOptionSyntax.TryParseSecret(value, out var secret, out var error) ? secret : throw new CliException(error, ShedApp.ExitUsage);

    internal static OidcOptions? OidcFrom(string? issuer, string? audience, string? jwksUrl, string? clientId) =>
        issuer is null && audience is null && jwksUrl is null && clientId is null
            ? null
            : new OidcOptions { Issuer = issuer, Audience = audience, JwksUrl = jwksUrl, ClientId = clientId };

    private static string[]? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
