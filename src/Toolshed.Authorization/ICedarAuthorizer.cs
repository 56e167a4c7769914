namespace Toolshed.Authorization;

/// <summary>A loaded, immutable set of Cedar policies and entities that answers authorization requests; thread-safe.</summary>
public interface ICedarAuthorizer
{
    AuthorizationDecision IsAuthorized(AuthorizationRequest request);
}
