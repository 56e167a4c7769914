namespace Toolshed.Proxy.Tests.Support;

/// <summary>The answers the fuzz test accepts for a case.</summary>
internal enum FuzzExpectation
{
    /// <summary>Any 4xx; never 2xx, 5xx, or no answer.</summary>
    Refused,

    /// <summary>A well-formed request for a method nobody has: 200 with JSON-RPC error -32601 and the request's id.</summary>
    MethodNotFound,

    /// <summary>A well-formed notification nobody handles: 202, as the transport prescribes for every notification.</summary>
    Accepted,
}
