using System.Net;
using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;

namespace Toolshed.Server.Packages;

/// <summary>
/// Fetches one JSON metadata document from a package registry: bounded in time and size, a 404 told apart (the package
/// or version does not exist) from a registry that could not be asked.
/// </summary>
internal sealed class RegistryDocuments(HttpClient http, PackageSourceOptions options)
{
    /// <summary>The document at <paramref name="url"/>, or null when the registry answers 404 (or 410).</summary>
    public async Task<JsonDocument?> GetAsync(Uri url, string registry, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PackageSourceException(
                    $"{registry} answered {(int)response.StatusCode} {response.ReasonPhrase} for {url}.", "Try again later, or check the registry's address.");
            }

            if (response.Content.Headers.ContentLength > options.MaxDocumentBytes)
            {
                throw TooLarge(url);
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var bytes = await BoundedRead.ReadAllAsync(body, options.MaxDocumentBytes, timeout.Token) ?? throw TooLarge(url);
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PackageSourceException(
                $"{registry} did not answer within {options.Timeout.TotalSeconds:0} seconds ({url}).", "Check that this machine reaches it, then try again.");
        }
        catch (HttpRequestException ex)
        {
            throw new PackageSourceException($"{registry} could not be reached ({url}): {ex.Message}", "Check that this machine reaches it, then try again.");
        }
        catch (JsonException)
        {
            throw new PackageSourceException($"{registry} answered {url} with something that is not JSON.");
        }
    }

    private PackageSourceException TooLarge(Uri url) =>
        new($"The metadata at {url} is larger than {options.MaxDocumentBytes / (1024 * 1024)} MiB; Toolshed does not read it.");
}
