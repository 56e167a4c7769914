using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Toolshed.Server.Workloads.Api;

/// <summary>Signing in to a remote workload's server: status, a browser sign-in on a loopback redirect, sign-out.</summary>
public static class ServerAuthEndpoints
{
    public const int MaxWaitSeconds = 60;

    public static RouteGroupBuilder MapServerAuthApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var auth = api.MapGroup("/servers/{name}/auth").WithTags("servers");

        auth.MapGet("/", async (string name, int? wait, WorkloadManager manager, CancellationToken cancellationToken) =>
                Results.Ok(await manager.GetSignInAsync(name, TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, MaxWaitSeconds)), cancellationToken)))
            .WithName("GetServerSignIn")
            .WithSummary("Get a remote server's sign-in state")
            .WithDescription("Toolshed extension. not_required, signed_in or needs_sign_in (with the reason), the issuer, scope and expiry; never a token. wait (seconds, at most 60) waits for a pending sign-in to end first.")
            .Produces<SignInInfo>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        auth.MapPost("/login", async (string name, WorkloadManager manager, CancellationToken cancellationToken) =>
                Results.Ok(await manager.BeginSignInAsync(name, cancellationToken)))
            .WithName("StartServerSignIn")
            .WithSummary("Start signing in to a remote server")
            .WithDescription("Toolshed extension. Discovers the remote's authorization server, registers a client when needed, and listens on a loopback redirect; open authorization_url in a browser on this machine. The tokens go into the encrypted secret store.")
            .Produces<SignInStarted>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);

        auth.MapPost("/logout", async (string name, WorkloadManager manager, CancellationToken cancellationToken) =>
            {
                await manager.SignOutAsync(name, cancellationToken);
                return Results.NoContent();
            })
            .WithName("SignOutOfServer")
            .WithSummary("Forget a remote server's tokens")
            .WithDescription("Toolshed extension. The next request to the remote needs a new sign-in.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
