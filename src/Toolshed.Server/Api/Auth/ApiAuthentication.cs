using Toolshed.Proxy.Auth;

namespace Toolshed.Server.Api.Auth;

/// <summary>The API's token validator, registered only when the daemon runs with OIDC.</summary>
internal sealed class ApiAuthentication(BearerTokenValidator validator)
{
    public BearerTokenValidator Validator { get; } = validator;
}
