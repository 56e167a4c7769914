using Toolshed.Core.Configuration;

namespace Toolshed.Cli.Api;

/// <summary>
/// The one way shed gets an API client: the daemon's URL (explicit, TOOLSHED_API_URL, this state root's daemon, the
/// default), the credential for that URL, and the context's timeouts.
/// </summary>
internal static class DaemonApi
{
    /// <summary>A client for this state root's daemon, or the one TOOLSHED_API_URL names.</summary>
    public static ToolshedApiClient CreateClient(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paths = context.Paths ?? ToolshedPaths.FromEnvironment();
        return CreateClient(context, ApiEndpoint.Resolve(context.ApiUrl, paths, context.GetVariable), paths);
    }

    /// <summary>A client for the daemon at <paramref name="url"/> (one found in daemon.json, say).</summary>
    public static ToolshedApiClient CreateClient(CliContext context, Uri url, ToolshedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ToolshedApiClient(url, ApiCredential.For(url, paths, context.GetVariable), context.ApiTimeouts);
    }
}
