using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry;

/// <summary>Source-generated JSON for the registries' last good copies.</summary>
[JsonSerializable(typeof(RegistryCopy))]
internal sealed partial class RegistryCopyJsonContext : JsonSerializerContext;
