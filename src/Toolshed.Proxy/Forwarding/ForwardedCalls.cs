using Toolshed.Proxy.Authz;

namespace Toolshed.Proxy.Forwarding;

/// <summary>
/// The JSON-RPC requests in the body of one forwarded POST, kept on the request's features until the server answers,
/// when each gets its audit line.
/// </summary>
internal sealed class ForwardedCalls(IReadOnlyList<McpCall> calls)
{
    /// <summary>Writes every line not yet written; <paramref name="httpStatus"/> is null when the server did not answer.</summary>
    public void Complete(int? httpStatus)
    {
        foreach (var call in calls)
        {
            call.CompleteForwarded(httpStatus);
        }
    }
}
