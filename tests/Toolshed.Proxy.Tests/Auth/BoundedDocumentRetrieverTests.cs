using Microsoft.IdentityModel.Protocols;
using Toolshed.Proxy.Auth;

namespace Toolshed.Proxy.Tests.Auth;

public sealed class BoundedDocumentRetrieverTests
{
    [Fact]
    public async Task GetDocument_ProviderNeverAnswers_FailsWithinTheDeadlineNamingTheAddress()
    {
        var retriever = new BoundedDocumentRetriever(new SilentRetriever(), TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<IOException>(
            () => retriever.GetDocumentAsync("https://id.example/jwks", TestContext.Current.CancellationToken));

        Assert.Contains("https://id.example/jwks did not answer", error.Message);
    }

    [Fact]
    public async Task GetDocument_CallerCancels_IsACancellationNotATimeout()
    {
        var retriever = new BoundedDocumentRetriever(new SilentRetriever(), TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retriever.GetDocumentAsync("https://id.example/jwks", cancel.Token));
    }

    private sealed class SilentRetriever : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            await Task.Delay(Timeout.Infinite, cancel);
            return "";
        }
    }
}
