using System.Net;
using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Registry;

/// <summary>Reads a registry document from a local file or an http(s) URL. Every failure is an
/// <see cref="InvalidInputException"/> naming the source and what went wrong.</summary>
internal sealed class RegistrySourceLoader(IHttpClientFactory httpClientFactory)
{
    /// <summary>The named HttpClient used for URL registries (its timeout is set where it is registered).</summary>
    public const string HttpClientName = "toolshed-registry";

    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public Task<RegistryDocument> LoadAsync(RegistrySource source, CancellationToken cancellationToken) =>
        source.Path is { } path ? LoadFileAsync(path, cancellationToken) : LoadUrlAsync(source.Url!, cancellationToken);

    /// <summary>Checks the shape of a URL source before anything is fetched.</summary>
    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidInputException($"'{url}' is not an absolute URL.", "url", "Give a URL like https://example.com/registry.json.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidInputException(
                $"The URL scheme '{uri.Scheme}' is not supported; registries are fetched over http or https.",
                "url",
                "For a local file, send it as \"path\" instead.");
        }

        return uri;
    }

    /// <summary>A registry file on the daemon's host, read with <see cref="SafeFileReader"/>. An error names the path
    /// and the line, never what the file holds (the caller may not be entitled to see it).</summary>
    private static async Task<RegistryDocument> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await SafeFileReader.ReadTextAsync(path, "The registry file", "path", cancellationToken).ConfigureAwait(false);
        try
        {
            return RegistryLoader.Parse(text, path);
        }
        catch (InvalidInputException)
        {
            throw new InvalidInputException(
                $"The registry file {path} is not a valid registry document{LineOf(text)}.",
                "path",
                "Check it against the registry format: {\"version\": \"1\", \"last_updated\": \"...\", \"servers\": {\"name\": {\"image\": \"...\", ...}}}.");
        }
    }

    private static string LineOf(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
                MaxDepth = RegistryLoader.MaxDepth,
            });
            return "";
        }
        catch (JsonException ex) when (ex.LineNumber is { } line)
        {
            return $" (line {line + 1})";
        }
    }

    private async Task<RegistryDocument> LoadUrlAsync(string url, CancellationToken cancellationToken)
    {
        var uri = ParseUrl(url);
        var display = new RegistrySource { Name = "", Url = url }.Display;
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidInputException(
                    $"Fetching the registry from {display} failed: the server answered {(int)response.StatusCode} {Reason(response)}.",
                    "url",
                    "Check that the URL serves the registry JSON.");
            }

            if (response.Content.Headers.ContentLength > RegistryLoader.MaxDocumentBytes)
            {
                throw new InvalidInputException($"The registry at {display} is larger than {RegistryLoader.MaxDocumentBytes} bytes.", "url");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await RegistryLoader.LoadAsync(stream, display, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidInputException($"Fetching the registry from {display} failed: {ex.Message}", "url",
                "Check the URL and that the daemon can reach it.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidInputException(
                $"Fetching the registry from {display} took longer than {FetchTimeout.TotalSeconds:0} seconds.", "url",
                "Check that the server answers, or download the file and add it by path.");
        }
    }

    private static string Reason(HttpResponseMessage response) =>
        response.ReasonPhrase ?? (Enum.IsDefined(response.StatusCode) ? response.StatusCode.ToString() : nameof(HttpStatusCode));
}
