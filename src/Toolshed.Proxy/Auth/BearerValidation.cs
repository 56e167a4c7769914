namespace Toolshed.Proxy.Auth;

/// <summary>
/// The outcome of checking a request's bearer token: a caller, or why there is none. A missing token is told apart
/// from a bad one because the challenge differs (RFC 6750 §3.1: no error code when no credentials were sent).
/// </summary>
public readonly record struct BearerValidation(AuthenticatedCaller? Caller, bool IsMissing, string? ErrorDescription)
{
    public bool Succeeded => Caller is not null;

    public static BearerValidation Missing { get; } = new(null, true, "a bearer token is required");

    public static BearerValidation Valid(AuthenticatedCaller caller) => new(caller, false, null);

    public static BearerValidation Invalid(string description) => new(null, false, description);
}
