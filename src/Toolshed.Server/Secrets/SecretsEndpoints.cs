using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Toolshed.Core.Errors;
using Toolshed.Core.Secrets;
using Toolshed.Server.Secrets.Api;

namespace Toolshed.Server.Secrets;

/// <summary>
/// The secrets part of the REST API. Secrets are write-only: listing and getting show names only; a value leaves the
/// daemon only on GET /secrets/{name}?reveal=true, and each reveal is logged (without the value). Values are set with
/// PUT (idempotent: create or replace), so they never travel in a URL.
/// </summary>
public static partial class SecretsEndpoints
{
    public static RouteGroupBuilder MapSecretsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var secrets = api.MapGroup("/secrets").WithTags("secrets");

        secrets.MapGet("", ListAsync)
            .WithName("ListSecrets")
            .WithSummary("List secrets")
            .WithDescription("The names of every stored secret; values are never listed.")
            .Produces<SecretListResponse>(StatusCodes.Status200OK);

        secrets.MapPut("/{name}", SetAsync)
            .WithName("SetSecret")
            .WithSummary("Create or replace a secret")
            .WithDescription("Stores the value encrypted. Running workloads get a new value on their next restart.")
            .Accepts<SetSecretRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        secrets.MapGet("/{name}", GetAsync)
            .WithName("GetSecret")
            .WithSummary("Get a secret")
            .WithDescription("The secret's metadata. With reveal=true, also its value: the only answer that carries one, and each is logged. A dashboard session (cookie) is refused a value with 403: only the API token reveals.")
            .Produces<SecretValueResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        secrets.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteSecret")
            .WithSummary("Delete a secret")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Ok<SecretListResponse>> ListAsync(EncryptedSecretStore store, CancellationToken cancellationToken)
    {
        var names = await store.ListNamesAsync(cancellationToken);
        return TypedResults.Ok(new SecretListResponse([.. names.Select(name => new SecretSummary(name))]));
    }

    private static async Task<NoContent> SetAsync(
        string name, SetSecretRequest request, EncryptedSecretStore store, CancellationToken cancellationToken)
    {
        if (request.Value is null)
        {
            throw new InvalidInputException("value is required: send {\"value\": \"...\"}.", "value");
        }

        await store.SetAsync(name, request.Value, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SecretValueResponse>, ProblemHttpResult>> GetAsync(
        string name, bool? reveal, HttpContext http, EncryptedSecretStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var value = await store.GetAsync(name, cancellationToken) ?? throw NotFound(name);
        if (reveal != true)
        {
            return TypedResults.Ok(new SecretValueResponse(name, null));
        }

        // A browser session never gets a value back: a page's script (or one injected into it) must not read secrets.
        if (http.Features.Get<Ui.UiSessionFeature>() is not null)
        {
            return TypedResults.Problem(
                "The dashboard never reveals a secret's value, and neither does its session.",
                title: "Forbidden",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["hint"] = $"Use the API token: `shed secret get {name} --reveal`." });
        }

        var caller = http.Features.Get<Proxy.Auth.AuthenticatedCaller>()?.Subject ?? "the API token's holder";
        LogRevealed(loggers.CreateLogger(typeof(SecretsEndpoints)), name, caller, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return TypedResults.Ok(new SecretValueResponse(name, value));
    }

    [LoggerMessage(1, LogLevel.Information, "Secret {SecretName} revealed to {Caller} from {RemoteAddress}")]
    private static partial void LogRevealed(ILogger logger, string secretName, string caller, string remoteAddress);

    private static async Task<NoContent> DeleteAsync(string name, EncryptedSecretStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(name, cancellationToken) ? TypedResults.NoContent() : throw NotFound(name);

    private static NotFoundException NotFound(string name) =>
        new($"No secret named '{name}'.", "List secrets with `shed secret list`; create one with `shed secret set NAME`.");
}
