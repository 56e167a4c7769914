using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolshed.Proxy.Protocol;

namespace Toolshed.Proxy.Modern;

/// <summary>
/// The checks 2026-07-28 asks of every request before it is served: the routing headers (<c>Mcp-Method</c>,
/// <c>Mcp-Name</c>) present and equal to the body, the protocol version header equal to the body's, and the required
/// <c>_meta</c> keys there. Header–body disagreement is <see cref="ModernProtocol.HeaderMismatch"/>, a malformed
/// <c>_meta</c> invalid params; both HTTP 400.
/// </summary>
internal static class ModernEnvelope
{
    public static ModernProblem? Check(IHeaderDictionary headers, JsonObject message, out ModernRequest? request)
    {
        request = null;
        var method = message["method"]!.GetValue<string>();
        var id = message["id"]!;
        var parameters = message["params"] as JsonObject;

        if (Single(headers, ModernProtocol.MethodHeader) is not { } methodHeader)
        {
            return Mismatch($"the {ModernProtocol.MethodHeader} header is required (it must be \"{method}\")");
        }

        if (methodHeader != method)
        {
            return Mismatch($"{ModernProtocol.MethodHeader} header value '{Printable(methodHeader)}' does not match body value '{method}'");
        }

        if (ModernProtocol.NamedBy(method) is { } nameKey)
        {
            if (parameters?[nameKey] is not JsonValue nameValue || !nameValue.TryGetValue(out string? name))
            {
                return Invalid($"{method} needs params.{nameKey} (a string)");
            }

            if (Single(headers, ModernProtocol.NameHeader) is not { } nameHeader)
            {
                return Mismatch($"the {ModernProtocol.NameHeader} header is required for {method} (the value of params.{nameKey})");
            }

            if (!HeaderValue.TryDecode(nameHeader, out var decoded))
            {
                return Mismatch($"the {ModernProtocol.NameHeader} header holds characters a header may not; encode it as =?base64?…?=");
            }

            if (decoded != name)
            {
                return Mismatch($"{ModernProtocol.NameHeader} header value '{Printable(decoded)}' does not match body value '{Printable(name)}'");
            }
        }

        if (parameters?["_meta"] is not JsonObject meta)
        {
            return Invalid($"a {ModernProtocol.Version} request needs params._meta with \"{ModernProtocol.ProtocolVersionKey}\" and \"{ModernProtocol.ClientCapabilitiesKey}\"");
        }

        if (meta[ModernProtocol.ProtocolVersionKey] is not JsonValue versionValue || !versionValue.TryGetValue(out string? version))
        {
            return Invalid($"params._meta[\"{ModernProtocol.ProtocolVersionKey}\"] is required (a string)");
        }

        if (meta[ModernProtocol.ClientCapabilitiesKey] is not JsonObject capabilities)
        {
            return Invalid($"params._meta[\"{ModernProtocol.ClientCapabilitiesKey}\"] is required (an object)");
        }

        var versionHeader = headers[McpProtocol.ProtocolVersionHeader].ToString();
        if (version != versionHeader)
        {
            return Mismatch($"{McpProtocol.ProtocolVersionHeader} header value '{Printable(versionHeader)}' does not match body value '{Printable(version)}'");
        }

        int? logLevel = null;
        if (meta.TryGetPropertyValue(ModernProtocol.LogLevelKey, out var levelNode))
        {
            logLevel = levelNode is JsonValue lv && lv.TryGetValue(out string? levelName) ? LogSeverity.Of(levelName) : null;
            if (logLevel is null)
            {
                return Invalid($"params._meta[\"{ModernProtocol.LogLevelKey}\"] must be one of debug, info, notice, warning, error, critical, alert, emergency");
            }
        }

        foreach (var (header, values) in headers)
        {
            if (header.StartsWith(ModernProtocol.ParamHeaderPrefix, StringComparison.OrdinalIgnoreCase)
                && (values.Count != 1 || !HeaderValue.TryDecode(values.ToString(), out _)))
            {
                return Mismatch($"the {Printable(header)} header holds characters a header may not; encode it as =?base64?…?=");
            }
        }

        request = new ModernRequest(message, id, method, parameters, capabilities, meta[ModernProtocol.ClientInfoKey] as JsonObject, logLevel);
        return null;
    }

    /// <summary>
    /// Whether a tool call's <c>Mcp-Param-*</c> headers agree with its arguments, as the tool's schema annotates them
    /// (<c>x-mcp-header</c>): each annotated argument present has its header with the same value (integers compared as
    /// numbers), and no annotated header comes without its argument.
    /// </summary>
    public static ModernProblem? CheckParamHeaders(IHeaderDictionary headers, IReadOnlyList<ParamHeader> annotated, JsonObject? arguments)
    {
        foreach (var param in annotated)
        {
            var headerName = ModernProtocol.ParamHeaderPrefix + param.Name;
            var value = ValueAt(arguments, param.Path);
            var header = Single(headers, headerName);
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                if (header is not null)
                {
                    return Mismatch($"the {headerName} header is sent but arguments.{string.Join('.', param.Path)} is not");
                }

                continue;
            }

            if (header is null)
            {
                return Mismatch($"the {headerName} header is required: the tool mirrors arguments.{string.Join('.', param.Path)} into it");
            }

            if (!HeaderValue.TryDecode(header, out var decoded) || !Same(decoded, value))
            {
                return Mismatch($"{headerName} header value does not match arguments.{string.Join('.', param.Path)}");
            }
        }

        return null;
    }

    private static JsonNode? ValueAt(JsonObject? arguments, IReadOnlyList<string> path)
    {
        JsonNode? node = arguments;
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }

        return node;
    }

    private static bool Same(string header, JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => header == value.GetValue<string>(),
        JsonValueKind.True => header == "true",
        JsonValueKind.False => header == "false",
        JsonValueKind.Number => decimal.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && value is JsonValue number && number.TryGetValue(out decimal b) && h == b,
        _ => false,
    };

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values.ToString() : null;

    private static string Printable(string text)
    {
        var shown = text.Length > 128 ? text[..128] + "…" : text;
        return new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
    }

    private static ModernProblem Mismatch(string message) =>
        new(StatusCodes.Status400BadRequest, ModernProtocol.HeaderMismatch, "Header mismatch: " + message);

    private static ModernProblem Invalid(string message) =>
        new(StatusCodes.Status400BadRequest, McpProtocol.InvalidParams, message);
}
