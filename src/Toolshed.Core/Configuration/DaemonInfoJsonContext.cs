using System.Text.Json.Serialization;

namespace Toolshed.Core.Configuration;

/// <summary>Source-generated JSON for <see cref="DaemonInfo"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(DaemonInfo))]
internal sealed partial class DaemonInfoJsonContext : JsonSerializerContext;
