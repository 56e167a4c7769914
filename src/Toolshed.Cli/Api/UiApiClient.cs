using Toolshed.Cli.Output;
using Toolshed.Server.Ui;

namespace Toolshed.Cli.Api;

/// <summary>The dashboard's sign-in: a one-time login link from /api/v1beta/ui/login-links.</summary>
internal static class UiApiClient
{
    public static Task<UiLoginLink> CreateUiLoginLinkAsync(this ToolshedApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendAsync(HttpMethod.Post, "api/v1beta/ui/login-links", null, CliJsonContext.Default.UiLoginLink, cancellationToken);
    }
}
