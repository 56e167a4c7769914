using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Context.Propagation;

namespace Toolshed.Proxy.Telemetry;

/// <summary>
/// W3C trace context in an MCP request's <c>params._meta</c> (unprefixed <c>traceparent</c>, <c>tracestate</c>,
/// <c>baggage</c>, as the MCP conventions and SEP-414 say), read and written with the configured OpenTelemetry
/// propagators; and the HTTP request's own trace context, which the conventions keep apart and record as a link.
/// </summary>
internal static class TraceContextMeta
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Longer _meta values are not trace context: they are not read.</summary>
    private const int MaxValueChars = 2048;

    private static readonly Func<JsonObject?, string, IEnumerable<string>?> s_metaGetter = (meta, key) =>
        meta?[key] is JsonValue value && value.TryGetValue(out string? text) && text.Length <= MaxValueChars ? [text] : null;

    private static readonly Func<IHeaderDictionary, string, IEnumerable<string>?> s_headerGetter = (headers, key) =>
        headers.TryGetValue(key, out var values) && values.Count > 0 && values[0] is { Length: <= MaxValueChars } first ? [first] : null;

    private static readonly Action<JsonObject, string, string> s_metaSetter = (meta, key, value) => meta[key] = value;

    /// <summary>The trace context the client put in the request's <c>params._meta</c>; default when none or invalid.</summary>
    public static ActivityContext Extract(JsonObject request)
    {
        var meta = request["params"] is JsonObject parameters ? parameters["_meta"] as JsonObject : null;
        return meta is null ? default : Propagators.DefaultTextMapPropagator.Extract(default, meta, s_metaGetter).ActivityContext;
    }

    /// <summary>The trace context of the HTTP request that carried the MCP request, if its headers have one.</summary>
    public static ActivityContext ExtractHttp(HttpRequest? request) =>
        request is null ? default : Propagators.DefaultTextMapPropagator.Extract(default, request.Headers, s_headerGetter).ActivityContext;

    /// <summary>Writes <paramref name="context"/> into the request's <c>params._meta</c>, replacing what the client put there.</summary>
    public static void Inject(JsonObject request, ActivityContext context)
    {
        if (context == default)
        {
            return;
        }

        if (request["params"] is not JsonObject parameters)
        {
            if (request["params"] is not null)
            {
                return; // not an MCP request's params; the server will refuse it as it is
            }

            parameters = [];
            request["params"] = parameters;
        }

        if (parameters["_meta"] is not JsonObject meta)
        {
            meta = [];
            parameters["_meta"] = meta;
        }

        meta.Remove(TraceParent);
        meta.Remove(TraceState);
        Propagators.DefaultTextMapPropagator.Inject(new PropagationContext(context, default), meta, s_metaSetter);
    }
}
