using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toolshed.Core.Registry;

/// <summary>Source-generated JSON for registry files. Wire names come from the attributes on each type;
/// comments and trailing commas are tolerated because registry files are often edited by hand.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    AllowDuplicateProperties = false,
    WriteIndented = false)]
[JsonSerializable(typeof(RegistryDocument))]
[JsonSerializable(typeof(RegistryServer))]
public sealed partial class RegistryJsonContext : JsonSerializerContext;
