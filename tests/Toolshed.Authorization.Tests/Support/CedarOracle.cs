using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolshed.Authorization;
using Toolshed.Testing;

namespace Toolshed.Authorization.Tests.Support;

/// <summary>Runs tests/clients/cedar-oracle (the official engine, cedar-wasm) over a batch of cases in one node process.</summary>
internal static class CedarOracle
{
    public static async Task<IReadOnlyList<CedarOracleAnswer>> AuthorizeAsync(IReadOnlyList<CedarCase> cases, CancellationToken cancellationToken)
    {
        var directory = RepositoryPaths.Combine("tests", "clients", "cedar-oracle");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@cedar-policy", "cedar-wasm")))
        {
            Assert.Fail("cedar-wasm is not installed: run `npm ci` in tests/clients/cedar-oracle (scripts/test does).");
        }

        var input = new JsonArray([.. cases.Select(ToJson)]);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("oracle.js");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(input.ToJsonString().AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"The cedar oracle failed ({process.ExitCode}): {await stderr}");

        var answers = JsonNode.Parse(output)!.AsArray();
        return [.. answers.Select(a => new CedarOracleAnswer(
            (string?)a!["decision"],
            a["reasons"]?.AsArray().Select(r => (string)r!).ToArray() ?? [],
            a["errors"]?.AsArray().Select(r => (string)r!).ToArray() ?? [],
            (string?)a["failure"]))];
    }

    /// <summary>The case as cedar-wasm takes it: the request's principal and resource attributes become those entities'
    /// attributes (merged over the configuration's entity of the same uid, as <see cref="CedarAuthorizer"/> does).</summary>
    private static JsonObject ToJson(CedarCase c)
    {
        var entities = JsonNode.Parse(c.EntitiesJson)!.AsArray();
        Merge(entities, c.Request.Principal, c.Request.PrincipalAttributes);
        if (c.Request.Resource != c.Request.Principal)
        {
            Merge(entities, c.Request.Resource, c.Request.ResourceAttributes);
        }

        return new JsonObject
        {
            ["policies"] = c.Policies,
            ["entities"] = entities,
            ["principal"] = Uid(c.Request.Principal),
            ["action"] = Uid(c.Request.Action),
            ["resource"] = Uid(c.Request.Resource),
            ["context"] = Value(c.Request.Context),
        };
    }

    private static void Merge(JsonArray entities, EntityUid uid, IReadOnlyDictionary<string, CedarValue> attributes)
    {
        var existing = entities.OfType<JsonObject>().FirstOrDefault(e =>
            (string?)e["uid"]!["type"] == uid.Type && (string?)e["uid"]!["id"] == uid.Id);
        if (existing is null)
        {
            existing = new JsonObject { ["uid"] = Uid(uid), ["attrs"] = new JsonObject(), ["parents"] = new JsonArray() };
            entities.Add(existing);
        }

        var attrs = existing["attrs"]!.AsObject();
        foreach (var (name, value) in attributes)
        {
            attrs[name] = Value(value);
        }
    }

    private static JsonObject Uid(EntityUid uid) => new() { ["type"] = uid.Type, ["id"] = uid.Id };

    public static JsonNode Value(CedarValue value) => value.Kind switch
    {
        CedarValueKind.String => JsonValue.Create(value.AsString),
        CedarValueKind.Long => JsonValue.Create(value.AsLong),
        CedarValueKind.Bool => JsonValue.Create(value.AsBool),
        CedarValueKind.Entity => new JsonObject { ["__entity"] = Uid(value.AsEntity) },
        CedarValueKind.Set => new JsonArray([.. value.AsSet.Select(Value)]),
        _ => new JsonObject(value.AsRecord.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, Value(f.Value)))),
    };

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
