namespace Toolshed.Server.Tests.Registry;

/// <summary>For registry tests whose sources are files: asking for an HTTP client is a test bug.</summary>
internal sealed class UnusedHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => throw new InvalidOperationException("These tests read registries from files only.");
}
