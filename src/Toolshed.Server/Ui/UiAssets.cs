using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Toolshed.Server.Ui;

/// <summary>
/// The dashboard's files, embedded in the daemon (nothing from a CDN, nothing to install), read once and served with
/// headers that keep the page to itself: a Content-Security-Policy allowing only this origin's scripts, styles and
/// connections, no framing, no Referer, no MIME sniffing.
/// </summary>
internal sealed class UiAssets
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> s_types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, (byte[] Body, string Type, string ETag)> _files;

    public UiAssets()
        : this(new ManifestEmbeddedFileProvider(typeof(UiAssets).Assembly, "Ui/wwwroot"))
    {
    }

    internal UiAssets(IFileProvider files)
    {
        var loaded = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var file in files.GetDirectoryContents("/"))
        {
            if (file.IsDirectory || !s_types.TryGetValue(Path.GetExtension(file.Name), out var type))
            {
                continue;
            }

            using var stream = file.CreateReadStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var body = buffer.ToArray();
            loaded[file.Name] = (body, type, $"\"{Convert.ToHexString(SHA256.HashData(body))[..16]}\"");
        }

        _files = loaded.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _files.Keys;

    /// <summary>An HTML page: never cached (it may differ after sign-in or an upgrade).</summary>
    public Task WritePageAsync(HttpContext http, string name, int status)
    {
        http.Response.Headers.CacheControl = "no-store";
        return WriteAsync(http, name, status);
    }

    /// <summary>A script, stylesheet or image: revalidated by ETag; 404 for any name that is not one of ours.</summary>
    public Task WriteAssetAsync(HttpContext http, string name)
    {
        if (name.EndsWith(".html", StringComparison.Ordinal) || !_files.TryGetValue(name, out var file))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = file.ETag;
        if (http.Request.Headers.IfNoneMatch == file.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        return WriteAsync(http, name, StatusCodes.Status200OK);
    }

    private async Task WriteAsync(HttpContext http, string name, int status)
    {
        var file = _files[name];
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        http.Response.StatusCode = status;
        http.Response.ContentType = file.Type;
        http.Response.ContentLength = file.Body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(file.Body, http.RequestAborted);
        }
    }
}
