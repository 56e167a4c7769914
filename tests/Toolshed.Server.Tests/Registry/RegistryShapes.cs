using System.Text.Json;
using Toolshed.Server.Tests.Support;
using static Toolshed.Server.Tests.Support.JsonShape;

namespace Toolshed.Server.Tests.Registry;

/// <summary>The registry objects' fields and JSON types, written out from the API reference excerpt.</summary>
internal static class RegistryShapes
{
    public static readonly Dictionary<string, string> Summary = new()
    {
        ["name"] = JString, ["version"] = JString, ["last_updated"] = JString, ["server_count"] = JNumber,
    };

    public static readonly Dictionary<string, string> Info = new()
    {
        ["last_updated"] = JString, ["name"] = JString, ["registry"] = JObject, ["server_count"] = JNumber, ["version"] = JString,
    };

    public static readonly Dictionary<string, string> Document = new()
    {
        ["last_updated"] = JString, ["servers"] = JObject, ["version"] = JString,
    };

    public static readonly Dictionary<string, string> Server = new()
    {
        ["args"] = JArray, ["description"] = JString, ["docker_tags"] = JArray, ["env_vars"] = JArray, ["image"] = JString,
        ["metadata"] = JObject, ["name"] = JString, ["permissions"] = JObject, ["provenance"] = JObject,
        ["repository_url"] = JString, ["tags"] = JArray, ["target_port"] = JNumber, ["tools"] = JArray, ["transport"] = JString,
    };

    public static readonly Dictionary<string, string> EnvVar = new()
    {
        ["default"] = JString, ["description"] = JString, ["name"] = JString, ["required"] = JBoolean, ["secret"] = JBoolean,
    };

    public static readonly Dictionary<string, string> Metadata = new()
    {
        ["last_updated"] = JString, ["pulls"] = JNumber, ["stars"] = JNumber,
    };

    public static readonly Dictionary<string, string> Permissions = new()
    {
        ["network"] = JObject, ["read"] = JArray, ["write"] = JArray,
    };

    public static readonly Dictionary<string, string> Network = new() { ["outbound"] = JObject };

    public static readonly Dictionary<string, string> Outbound = new()
    {
        ["allow_host"] = JArray, ["allow_port"] = JArray, ["allow_transport"] = JArray, ["insecure_allow_all"] = JBoolean,
    };

    public static readonly Dictionary<string, string> Provenance = new()
    {
        ["attestation"] = JObject, ["cert_issuer"] = JString, ["repository_ref"] = JString, ["repository_uri"] = JString,
        ["runner_environment"] = JString, ["signer_identity"] = JString, ["sigstore_url"] = JString,
    };

    public static readonly Dictionary<string, string> Attestation = new() { ["predicate"] = JAny, ["predicate_type"] = JString };

    public static readonly Dictionary<string, string> Problem = new()
    {
        ["type"] = JString, ["title"] = JString, ["status"] = JNumber, ["detail"] = JString,
    };

    /// <summary>A server object, all the way down, element types of arrays included.</summary>
    public static void AssertServer(JsonElement server, string where)
    {
        AssertObject(server, Server, where);
        foreach (var key in new[] { "args", "docker_tags", "tags", "tools" })
        {
            Assert.All(server.GetProperty(key).EnumerateArray(), item => Assert.Equal(JString, TypeOf(item)));
        }

        foreach (var (envVar, index) in server.GetProperty("env_vars").EnumerateArray().Select((e, i) => (e, i)))
        {
            AssertObject(envVar, EnvVar, $"{where}.env_vars[{index}]");
        }

        AssertObject(server.GetProperty("metadata"), Metadata, $"{where}.metadata");
        var permissions = server.GetProperty("permissions");
        AssertObject(permissions, Permissions, $"{where}.permissions");
        AssertObject(permissions.GetProperty("network"), Network, $"{where}.permissions.network");
        var outbound = permissions.GetProperty("network").GetProperty("outbound");
        AssertObject(outbound, Outbound, $"{where}.permissions.network.outbound");
        Assert.All(outbound.GetProperty("allow_port").EnumerateArray(), item => Assert.Equal(JNumber, TypeOf(item)));
        Assert.All(outbound.GetProperty("allow_host").EnumerateArray(), item => Assert.Equal(JString, TypeOf(item)));
        var provenance = server.GetProperty("provenance");
        AssertObject(provenance, Provenance, $"{where}.provenance");
        AssertObject(provenance.GetProperty("attestation"), Attestation, $"{where}.provenance.attestation");
    }

    /// <summary>A problem+json body: the standard fields (plus extensions such as hint, field, traceId).</summary>
    public static void AssertProblem(JsonElement problem, int status)
    {
        foreach (var (key, type) in Problem)
        {
            Assert.True(problem.TryGetProperty(key, out var value), $"The problem has no '{key}'.");
            Assert.Equal(type, TypeOf(value));
        }

        Assert.Equal(status, problem.GetProperty("status").GetInt32());
    }
}
