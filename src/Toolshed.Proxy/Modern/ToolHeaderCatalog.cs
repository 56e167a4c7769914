using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// Which arguments of each tool its schema mirrors into <c>Mcp-Param-*</c> headers (<c>x-mcp-header</c>), learnt from the
/// server's tool list (read once, again after it announces a change), so a tool call's headers can be checked against
/// its body as 2026-07-28 requires of a server that reads the body.
/// </summary>
internal sealed class ToolHeaderCatalog
{
    private const int MaxDepth = 8;
    private const int MaxPages = 20;

    private readonly Lock _gate = new();
    private Dictionary<string, IReadOnlyList<ParamHeader>>? _byTool;
    private Task<Dictionary<string, IReadOnlyList<ParamHeader>>?>? _loading;

    public void Invalidate()
    {
        lock (_gate)
        {
            _byTool = null;
            _loading = null;
        }
    }

    /// <summary>The annotated arguments of <paramref name="tool"/>; none for a tool the list does not show (or when the
    /// list cannot be read now: the next call tries again).</summary>
    public async ValueTask<IReadOnlyList<ParamHeader>> ForAsync(
        string tool, Func<string?, Task<JsonObject?>> listPage, CancellationToken cancellationToken)
    {
        Task<Dictionary<string, IReadOnlyList<ParamHeader>>?> loading;
        lock (_gate)
        {
            if (_byTool is { } known)
            {
                return known.TryGetValue(tool, out var cached) ? cached : [];
            }

            loading = _loading ??= LoadAsync(listPage);
        }

        var loaded = await loading.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (_loading == loading)
            {
                _byTool = loaded;
                _loading = null;
            }
        }

        return loaded is not null && loaded.TryGetValue(tool, out var headers) ? headers : [];
    }

    /// <summary>The <c>x-mcp-header</c> annotations of a tool's input schema, reached through <c>properties</c> only.</summary>
    public static IReadOnlyList<ParamHeader> Annotated(JsonObject? inputSchema)
    {
        var found = new List<ParamHeader>();
        Walk(inputSchema, [], found);
        return found;
    }

    private static async Task<Dictionary<string, IReadOnlyList<ParamHeader>>?> LoadAsync(Func<string?, Task<JsonObject?>> listPage)
    {
        var byTool = new Dictionary<string, IReadOnlyList<ParamHeader>>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            JsonObject? result;
            try
            {
                result = await listPage(cursor);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = null;
            }

            if (result is null || result["tools"] is not JsonArray tools)
            {
                if (page == 0)
                {
                    return null;
                }

                break;
            }

            foreach (var tool in tools.OfType<JsonObject>())
            {
                if (tool["name"] is JsonValue n && n.TryGetValue(out string? name)
                    && Annotated(tool["inputSchema"] as JsonObject) is { Count: > 0 } headers)
                {
                    byTool[name] = headers;
                }
            }

            cursor = result["nextCursor"] is JsonValue c && c.TryGetValue(out string? next) ? next : null;
            if (cursor is null)
            {
                break;
            }
        }

        return byTool;
    }

    private static void Walk(JsonObject? schema, List<string> path, List<ParamHeader> found)
    {
        if (schema?["properties"] is not JsonObject properties || path.Count >= MaxDepth)
        {
            return;
        }

        foreach (var (key, value) in properties)
        {
            if (value is not JsonObject property)
            {
                continue;
            }

            var here = new List<string>(path) { key };
            if (property["x-mcp-header"] is JsonValue h && h.TryGetValue(out string? header) && header.Length > 0)
            {
                found.Add(new ParamHeader(header, here));
            }

            Walk(property, here, found);
        }
    }
}
