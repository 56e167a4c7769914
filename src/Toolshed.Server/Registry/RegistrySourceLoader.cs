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

    /// <summary>Pages read from an MCP Registry API at most (100 servers each), so a registry that never stops paging cannot hold the daemon.</summary>
    public const int MaxApiPages = 200;

    /// <summary>
    /// Loads a registry in ToolHive's format, or in the MCP Registry's (one server.json, an array, a list page, or the
    /// base URL of a registry API, read page by page); <paramref name="warnings"/> gets a line per skipped entry.
    /// </summary>
    public Task<RegistryDocument> LoadAsync(RegistrySource source, ICollection<string> warnings, CancellationToken cancellationToken) =>
        source.Path is { } path ? LoadFileAsync(path, warnings, cancellationToken) : LoadUrlAsync(source.Url!, warnings, cancellationToken);

    public Task<RegistryDocument> LoadAsync(RegistrySource source, CancellationToken cancellationToken) => LoadAsync(source, [], cancellationToken);

    /// <summary>An MCP Registry document mapped, or null when <paramref name="utf8"/> is not one (ToolHive's format, or not JSON).</summary>
    private static RegistryDocument? TryMcpRegistry(ReadOnlyMemory<byte> utf8, string display, ICollection<string> warnings, out string? nextCursor)
    {
        nextCursor = null;
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = RegistryLoader.MaxDepth, AllowTrailingCommas = true });
            var servers = Core.Registry.McpRegistry.McpRegistryShapes.Servers(document.RootElement, out nextCursor);
            return servers is null ? null : Core.Registry.McpRegistry.McpRegistryMapper.Map(servers, display, warnings);
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
    private static async Task<RegistryDocument> LoadFileAsync(string path, ICollection<string> warnings, CancellationToken cancellationToken)
    {
        var text = await SafeFileReader.ReadTextAsync(path, "The registry file", "path", RegistryLoader.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (TryMcpRegistry(System.Text.Encoding.UTF8.GetBytes(text), path, warnings, out _) is { } mapped)
        {
            return mapped;
        }

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

    private async Task<RegistryDocument> LoadUrlAsync(string url, ICollection<string> warnings, CancellationToken cancellationToken)
    {
        var uri = ParseUrl(url);
        var display = new RegistrySource { Name = "", Url = url }.Display;
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            var (status, body) = await GetAsync(client, uri, display, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.OK && TryMcpRegistry(body, display, warnings, out _) is { } mapped)
            {
                return mapped;
            }

            if (status == HttpStatusCode.OK && IsToolHiveFormat(body))
            {
                return RegistryLoader.Parse(body, display);
            }

            // Neither format at the URL itself: it may be the base URL of an MCP Registry API.
            var api = await TryApiAsync(client, uri, display, warnings, cancellationToken).ConfigureAwait(false);
            if (api is not null)
            {
                return api;
            }

            if (status != HttpStatusCode.OK)
            {
                throw new InvalidInputException(
                    $"Fetching the registry from {display} failed: the server answered {(int)status} {status}.",
                    "url",
                    "Check that the URL serves a registry (ToolHive's JSON, MCP Registry server.json documents, or an MCP Registry API's base URL).");
            }

            return RegistryLoader.Parse(body, display);
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

    private static bool IsToolHiveFormat(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RegistryLoader.MaxDepth, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("servers", out var servers)
                && servers.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads an MCP Registry API's list (<c>GET /v0/servers?version=latest</c>, 100 a page, following nextCursor), or
    /// null when <paramref name="baseUri"/> does not serve one. At most <see cref="MaxApiPages"/> pages and
    /// <see cref="RegistryLoader.MaxDocumentBytes"/> per page.
    /// </summary>
    private static async Task<RegistryDocument?> TryApiAsync(
        HttpClient client, Uri baseUri, string display, ICollection<string> warnings, CancellationToken cancellationToken)
    {
        var root = baseUri.ToString().TrimEnd('/');
        var servers = new List<JsonElement>();
        var documents = new List<JsonDocument>();
        try
        {
            string? cursor = null;
            for (var page = 0; page < MaxApiPages; page++)
            {
                var url = new Uri($"{root}/v0/servers?limit=100&version=latest{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
                var (status, body) = await GetAsync(client, url, display, cancellationToken).ConfigureAwait(false);
                if (status != HttpStatusCode.OK)
                {
                    return page == 0 ? null : throw new InvalidInputException(
                        $"The MCP Registry API at {display} answered {(int)status} for page {page + 1} of its servers.", "url", "Try again later.");
                }

                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RegistryLoader.MaxDepth });
                }
                catch (JsonException) when (page == 0)
                {
                    return null;
                }

                documents.Add(document);
                var pageServers = Core.Registry.McpRegistry.McpRegistryShapes.Servers(document.RootElement, out var next);
                if (pageServers is null)
                {
                    return page == 0 ? null : throw new InvalidInputException($"Page {page + 1} of the MCP Registry API at {display} is not a list of servers.", "url");
                }

                servers.AddRange(pageServers);
                if (next is null || next == cursor)
                {
                    return Core.Registry.McpRegistry.McpRegistryMapper.Map(servers, display, warnings);
                }

                cursor = next;
            }

            warnings.Add($"{display}: the MCP Registry API has more than {MaxApiPages} pages; only the first {MaxApiPages} were read.");
            return Core.Registry.McpRegistry.McpRegistryMapper.Map(servers, display, warnings);
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    private static async Task<(HttpStatusCode Status, ReadOnlyMemory<byte> Body)> GetAsync(
        HttpClient client, Uri uri, string display, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, ReadOnlyMemory<byte>.Empty);
        }

        if (response.Content.Headers.ContentLength > RegistryLoader.MaxDocumentBytes)
        {
            throw new InvalidInputException($"The registry at {display} is larger than {RegistryLoader.MaxDocumentBytes} bytes.", "url");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var body = await BoundedRead.ReadAllAsync(stream, RegistryLoader.MaxDocumentBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidInputException($"The registry at {display} is larger than {RegistryLoader.MaxDocumentBytes} bytes.", "url");
        return (response.StatusCode, body);
    }

    private static string Reason(HttpResponseMessage response) =>
        response.ReasonPhrase ?? (Enum.IsDefined(response.StatusCode) ? response.StatusCode.ToString() : nameof(HttpStatusCode));
}
