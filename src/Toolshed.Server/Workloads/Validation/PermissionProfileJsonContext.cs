using System.Text.Json.Serialization;
using Toolshed.Core.Registry;

namespace Toolshed.Server.Workloads.Validation;

/// <summary>Source-generated JSON for permission profiles (the registry's permissions shape).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = PermissionProfileParser.MaxDepth)]
[JsonSerializable(typeof(RegistryPermissions))]
[JsonSerializable(typeof(string))]
internal sealed partial class PermissionProfileJsonContext : JsonSerializerContext;
