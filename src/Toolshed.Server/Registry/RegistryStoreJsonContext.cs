using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry;

/// <summary>Source-generated JSON for <c>registries.json</c> (indented: people read it).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(RegistrySourcesFile))]
internal sealed partial class RegistryStoreJsonContext : JsonSerializerContext;
