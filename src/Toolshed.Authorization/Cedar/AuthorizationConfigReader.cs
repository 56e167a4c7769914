using System.Text.Json;
using Toolshed.Core.Errors;
using Toolshed.Core.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Toolshed.Authorization.Cedar;

/// <summary>
/// Reads ToolHive's authorization config, JSON or YAML: <c>{version, type: cedarv1, cedar: {policies: [..],
/// entities_json: ".."}}</c>. Syntax errors and wrong shapes become <see cref="InvalidInputException"/> naming the
/// source and, where the parser knows it, the line and column.
/// </summary>
internal static class AuthorizationConfigReader
{
    public const string Field = "authz_config";

    /// <summary>How deep JSON and YAML configs may nest (a real one nests 3 levels).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions s_jsonOptions = new() { MaxDepth = MaxDepth };

    public static AuthorizationConfig Read(string text, string source)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') ? ReadJson(text, source) : ReadYaml(text, source);
    }

    private static AuthorizationConfig ReadJson(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, s_jsonOptions);
        }
        catch (JsonException e)
        {
            var line = (int?)e.LineNumber + 1;
            throw Invalid(source, $"line {line}, column {e.BytePositionInLine + 1}: invalid JSON (or nested deeper than {MaxDepth} levels)", line);
        }

        using (document)
        {
            var root = document.RootElement;
            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!root.TryGetProperty("cedar", out var cedar) || cedar.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "\"cedar\" must be an object with \"policies\" and \"entities_json\"");
            }

            if (!cedar.TryGetProperty("policies", out var policiesElement) || policiesElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(source, "\"cedar.policies\" must be an array of policy strings");
            }

            var policies = new List<PolicySource>();
            var lines = PolicyLines(text);
            foreach (var policy in policiesElement.EnumerateArray())
            {
                if (policy.ValueKind != JsonValueKind.String)
                {
                    throw Invalid(source, $"cedar.policies[{policies.Count}] must be a string");
                }

                // A JSON string holds its policy on one line of the file (line breaks in it are escapes).
                policies.Add(new PolicySource(policy.GetString()!, policies.Count < lines.Count ? lines[policies.Count] : 0));
            }

            string? entities = null;
            if (cedar.TryGetProperty("entities_json", out var e) && e.ValueKind != JsonValueKind.Null)
            {
                entities = e.ValueKind == JsonValueKind.String
                    ? e.GetString()
                    : throw Invalid(source, "\"cedar.entities_json\" must be a string holding a JSON array");
            }

            return Validated(new AuthorizationConfig(version, type ?? "", policies, entities), source);
        }
    }

    /// <summary>The file line of each string in cedar.policies (JsonDocument keeps no positions; the reader's offsets do).</summary>
    private static List<int> PolicyLines(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var lines = new List<int>();
        string? cedarChild = null;
        var inCedar = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                inCedar = reader.ValueTextEquals("cedar");
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && inCedar)
            {
                cedarChild = reader.GetString();
            }
            else if (reader.TokenType == JsonTokenType.String && reader.CurrentDepth == 3 && inCedar && cedarChild == "policies")
            {
                lines.Add(1 + utf8.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
            }
        }

        return lines;
    }

    private static AuthorizationConfig ReadYaml(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            // The representation model builds nodes recursively: depth is checked on the parser's events first.
            YamlDepth.Check(text, MaxDepth);
            stream.Load(new StringReader(text));
        }
        catch (YamlDepthException e)
        {
            throw Invalid(source, $"line {e.Line}: nested deeper than {MaxDepth} levels", (int)e.Line);
        }
        catch (YamlException e)
        {
            throw Invalid(source, $"line {e.Start.Line}, column {e.Start.Column}: invalid YAML: {e.Message}", (int)e.Start.Line);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1.0 throws this, without a position, on some malformed input (an unclosed flow sequence).
            throw Invalid(source, "invalid YAML (check that every [ and { is closed)");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Invalid(source, "expected a mapping with \"version\", \"type\" and \"cedar\"");
        }

        var cedarNode = Child(root, "cedar");
        if (cedarNode is not YamlMappingNode cedar)
        {
            throw Invalid(source, $"{At(cedarNode ?? root)}\"cedar\" must be a mapping with \"policies\" and \"entities_json\"", LineOf(cedarNode ?? root));
        }

        var policiesNode = Child(cedar, "policies");
        if (policiesNode is not YamlSequenceNode policiesSequence)
        {
            throw Invalid(source, $"{At(policiesNode ?? cedar)}\"cedar.policies\" must be a list of policy strings", LineOf(policiesNode ?? cedar));
        }

        var policies = new List<PolicySource>();
        foreach (var node in policiesSequence)
        {
            if (node is not YamlScalarNode { Value: { } policy })
            {
                throw Invalid(source, $"{At(node)}cedar.policies[{policies.Count}] must be a string", LineOf(node));
            }

            // A block scalar (| or >) starts its text on the line after its indicator.
            var blockOffset = node is YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded } ? 1 : 0;
            policies.Add(new PolicySource(policy, (int)node.Start.Line + blockOffset));
        }

        var entitiesNode = Child(cedar, "entities_json");
        string? entities = null;
        if (entitiesNode is YamlScalarNode { Value: { } entitiesText })
        {
            entities = entitiesText;
        }
        else if (entitiesNode is not null)
        {
            throw Invalid(source, $"{At(entitiesNode)}\"cedar.entities_json\" must be a string holding a JSON array", LineOf(entitiesNode));
        }

        var version = (Child(root, "version") as YamlScalarNode)?.Value;
        var type = (Child(root, "type") as YamlScalarNode)?.Value ?? "";
        return Validated(new AuthorizationConfig(version, type, policies, entities), source);
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static string At(YamlNode node) => $"line {node.Start.Line}, column {node.Start.Column}: ";

    private static AuthorizationConfig Validated(AuthorizationConfig config, string source)
    {
        if (!string.Equals(config.Type, "cedarv1", StringComparison.Ordinal))
        {
            throw Invalid(source, $"\"type\" must be \"cedarv1\" (got \"{config.Type}\")");
        }

        if (config.Policies.Count == 0)
        {
            throw Invalid(source, "\"cedar.policies\" holds no policy: everything would be denied");
        }

        return config;
    }

    public static AuthorizationConfigException Invalid(string source, string message, int? line = null) =>
        new($"Invalid authorization config {source}: {message}.", line);

    public const string FormatHint =
        "Expected ToolHive's format: {\"version\": \"1.0\", \"type\": \"cedarv1\", \"cedar\": {\"policies\": [\"permit(...);\"], \"entities_json\": \"[]\"}}.";
}
