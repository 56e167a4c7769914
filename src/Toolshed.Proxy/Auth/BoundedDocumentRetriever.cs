using Microsoft.IdentityModel.Protocols;

namespace Toolshed.Proxy.Auth;

/// <summary>
/// Gives every discovery or JWKS fetch its own deadline: the configuration manager passes no cancellation of its own,
/// and an identity provider that never answers must not hold the requests waiting on it.
/// </summary>
internal sealed class BoundedDocumentRetriever(IDocumentRetriever inner, TimeSpan timeout) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            return await inner.GetDocumentAsync(address, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancel.IsCancellationRequested)
        {
            throw new IOException($"{address} did not answer within {timeout.TotalSeconds:0} seconds.", ex);
        }
    }
}
