using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Toolshed.Core.Configuration;
using Toolshed.Core.Workloads;
using Toolshed.Proxy;
using Toolshed.Proxy.Auth;
using Toolshed.Proxy.Transports;
using Toolshed.Server.Hosting;
using Toolshed.Runtime.Docker.Egress;

namespace Toolshed.Cli.Commands;

/// <summary>
/// `shed serve [--host 127.0.0.1] [--port 8080] [--oidc-issuer URL --oidc-audience AUD [--oidc-jwks-url URL] [--oidc-client-id ID]]
/// [--allowed-host NAME]... [--request-timeout 10m]`: the daemon, in this process, until SIGINT/SIGTERM. With --oidc-*
/// every API call but /health needs a bearer token.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var host = new Option<string>("--host")
        {
            Description = "Address the REST API binds to",
            DefaultValueFactory = _ => ToolshedServerOptions.DefaultHost,
        };
        var port = new Option<int>("--port")
        {
            Description = "Port of the REST API",
            DefaultValueFactory = _ => ToolshedServerOptions.DefaultPort,
        }.CheckInt(value => value is < 0 or > 65535 ? $"--port must be between 0 and 65535, not {value}." : null);

        var oidcIssuer = new Option<string?>("--oidc-issuer") { Description = "Require API bearer tokens from this OIDC issuer (URL)" };
        var oidcAudience = new Option<string?>("--oidc-audience") { Description = "The audience (aud) API tokens must carry" };
        var oidcJwksUrl = new Option<string?>("--oidc-jwks-url") { Description = "The issuer's JWKS URL (default: discovered from the issuer)" };
        var oidcClientId = new Option<string?>("--oidc-client-id") { Description = "The OAuth client id clients use for this API" };

        var egressNetwork = new Option<string>("--egress-network")
        {
            Description = "Network the egress proxies of allow-listed workloads reach the outside from",
            DefaultValueFactory = _ => new EgressOptions().OutboundNetwork,
        };

        var egressSubnetPool = new Option<string>("--egress-subnet-pool")
        {
            Description = "IPv4 range the internal networks of allow-listed workloads take a /28 from",
            DefaultValueFactory = _ => new EgressOptions().SubnetPool,
        };
        egressSubnetPool.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!System.Net.IPNetwork.TryParse(value, out var pool) || pool.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                || pool.PrefixLength > SubnetAllocator.PrefixLength)
            {
                result.AddError($"--egress-subnet-pool must be an IPv4 range of /{SubnetAllocator.PrefixLength} or larger, such as 10.213.0.0/16; got '{value}'.");
            }
        });

        var allowedHosts = new Option<string[]>("--allowed-host")
        {
            Description = "A host name besides 127.0.0.1, localhost and [::1] that the API and the workload proxies answer to (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        }.Check(value => HostPolicy.IsValidEntry(value) ? null : $"--allowed-host takes a host name such as my-box.local, without scheme or port; got '{value}'.");

        var requestTimeout = new Option<string>("--request-timeout")
        {
            Description = "How long an MCP server has to answer a request through its proxy, such as 30s, 10m or 1h",
            DefaultValueFactory = _ => DurationText.Format(WorkloadProxyOptions.DefaultRequestTimeout),
        }.Check(value => DurationText.TryParse(value, out var parsed) && parsed > TimeSpan.Zero
            ? null
            : $"--request-timeout takes a positive duration such as 30s, 10m or 1h; got '{value}'.");

        var runtimeImages = new Option<string[]>("--runtime-image")
        {
            Description = "The image packages of one kind build on and run from: npx=IMAGE, uvx=IMAGE, go=IMAGE, or go-build=/go-run= (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        }.Check(PackageServeOptions.CheckRuntimeImage);
        var caCerts = new Option<string[]>("--ca-cert")
        {
            Description = "A PEM file of CA certificates package builds trust besides the host's bundle (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        }.Check(value => File.Exists(value) ? null : $"--ca-cert {value}: no such file.");
        var npmRegistry = new Option<string>("--npm-registry") { Description = "The npm registry packages resolve and install from" }
            .Check(PackageServeOptions.CheckUrl("--npm-registry"));
        var pypiIndex = new Option<string>("--pypi-index") { Description = "The Python package index (PyPI-style base URL) packages resolve and install from" }
            .Check(PackageServeOptions.CheckUrl("--pypi-index"));
        var goProxy = new Option<string>("--go-proxy") { Description = "The Go module proxy modules resolve and download from" }
            .Check(PackageServeOptions.CheckUrl("--go-proxy"));

        var registryRefresh = new Option<string>("--registry-refresh")
        {
            Description = "How often added registries are read again, such as 30m or 1h; 0 reads them only at start and when added",
            DefaultValueFactory = _ => "1h",
        }.Check(value => value == "0" || (DurationText.TryParse(value, out var parsed) && parsed > TimeSpan.Zero)
            ? null
            : $"--registry-refresh takes a positive duration such as 30m or 1h, or 0; got '{value}'.");

        var otelEndpoint = new Option<string?>("--otel-endpoint")
        {
            Description = "Export traces and metrics by OTLP/HTTP to this collector (e.g. http://127.0.0.1:4318/; v1/traces and v1/metrics are appended)",
        };
        var otelHeaders = new Option<string?>("--otel-headers")
        {
            Description = "The secret (`shed secret set NAME`) holding headers for the collector's requests, as key=value,key2=value2",
        };
        var otelSampling = new Option<double>("--otel-sampling")
        {
            Description = "The share of new traces recorded, 0 to 1 (a trace the client already sampled is always followed)",
            DefaultValueFactory = _ => 1.0,
        };
        var otelRecordArguments = new Option<bool>("--otel-record-arguments")
        {
            Description = "Record tool call arguments and results on spans (off by default: they may hold anything)",
        };
        var metricsAddress = new Option<string?>("--metrics-address")
        {
            Description = "Serve Prometheus metrics at http://IP:PORT/metrics (e.g. 127.0.0.1:9464), for a bearer of <state>/metrics-token; off unless given",
        };

        var command = new Command("serve", "Run the Toolshed daemon: REST API, workload proxies, reconciler")
        {
            host, port, oidcIssuer, oidcAudience, oidcJwksUrl, oidcClientId, egressNetwork, egressSubnetPool, allowedHosts, requestTimeout,
            runtimeImages, caCerts, npmRegistry, pypiIndex, goProxy, registryRefresh,
            otelEndpoint, otelHeaders, otelSampling, otelRecordArguments, metricsAddress,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var oidc = new OidcSettings
            {
                Issuer = parse.GetValue(oidcIssuer),
                Audience = parse.GetValue(oidcAudience),
                JwksUrl = parse.GetValue(oidcJwksUrl),
                ClientId = parse.GetValue(oidcClientId),
            };
            if (OidcSettingsRules.IsRequested(oidc) && OidcSettingsRules.Check(oidc) is { } problem)
            {
                await context.Error.WriteLineAsync("shed serve: " + problem.Replace("oidc.", "--oidc-", StringComparison.Ordinal).Replace("jwks_url", "jwks-url", StringComparison.Ordinal));
                return ShedApp.ExitUsage;
            }

            var otlp = parse.GetValue(otelEndpoint);
            if (otlp is not null && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
            {
                await context.Error.WriteLineAsync($"shed serve: --otel-endpoint takes an http(s) URL such as http://127.0.0.1:4318/; got '{otlp}'.");
                return ShedApp.ExitUsage;
            }

            var telemetry = new Server.Telemetry.TelemetrySettings
            {
                OtlpEndpoint = otlp is null ? null : new Uri(otlp),
                OtlpHeadersSecret = parse.GetValue(otelHeaders),
                Sampling = parse.GetValue(otelSampling),
                RecordArguments = parse.GetValue(otelRecordArguments),
                MetricsAddress = parse.GetValue(metricsAddress),
            };
            if (Server.Telemetry.TelemetrySettingsRules.Check(telemetry) is { } telemetryProblem)
            {
                await context.Error.WriteLineAsync("shed serve: " + telemetryProblem);
                return ShedApp.ExitUsage;
            }

            var options = new ToolshedServerOptions
            {
                Telemetry = telemetry,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                Oidc = OidcSettingsRules.IsRequested(oidc) ? oidc : null,
                EgressNetwork = parse.GetValue(egressNetwork)!,
                EgressSubnetPool = parse.GetValue(egressSubnetPool)!,
                AllowedHosts = parse.GetValue(allowedHosts) ?? [],
                RequestTimeout = DurationText.TryParse(parse.GetValue(requestTimeout), out var timeout) ? timeout : WorkloadProxyOptions.DefaultRequestTimeout,
                RegistryRefreshInterval = parse.GetValue(registryRefresh) is "0" ? TimeSpan.Zero
                    : DurationText.TryParse(parse.GetValue(registryRefresh), out var refresh) ? refresh : TimeSpan.FromHours(1),
                PackageSources = PackageServeOptions.Sources(parse.GetValue(npmRegistry), parse.GetValue(pypiIndex), parse.GetValue(goProxy)),
                PackageImages = PackageServeOptions.Images(
                    parse.GetValue(runtimeImages) ?? [], parse.GetValue(caCerts) ?? [], parse.GetValue(npmRegistry), parse.GetValue(pypiIndex), parse.GetValue(goProxy)),
            };
            var paths = ToolshedPaths.FromEnvironment();
            paths.EnsureCreated();
            WebApplication built;
            try
            {
                built = ToolshedServer.Build(options, paths);
            }
            catch (DaemonAlreadyRunningException ex)
            {
                await context.Error.WriteLineAsync("shed serve: " + ex.Message);
                return ShedApp.ExitFailure;
            }
            catch (ArgumentException ex) when (ex.ParamName is null)
            {
                await context.Error.WriteLineAsync("shed serve: " + ex.Message);
                return ShedApp.ExitUsage;
            }

            await using var app = built;
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (ListenerBindException ex)
            {
                await context.Error.WriteLineAsync("shed serve: " + ex.Message);
                return ShedApp.ExitFailure;
            }
            catch (IOException ex)
            {
                await context.Error.WriteLineAsync(
                    $"shed serve: cannot listen on {options.Host}:{options.Port}: {ex.Message} Is another daemon running? Pick another --port.");
                return ShedApp.ExitFailure;
            }

            await context.Out.WriteLineAsync($"Toolshed {Server.Api.SystemEndpoints.ProductVersion} serving the API at http://{options.Host}:{options.Port}/api/v1beta (state: {paths.StateDirectory})");
            await app.WaitForShutdownAsync(cancellationToken);
            return ShedApp.ExitOk;
        });
        return command;
    }
}
