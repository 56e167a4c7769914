using System.Text.Json.Serialization;

namespace Toolshed.Runtime.Docker.Packages;

/// <summary>Source-generated JSON for the exec-form arrays and quoted values written into generated Dockerfiles.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class PackageJsonContext : JsonSerializerContext;
