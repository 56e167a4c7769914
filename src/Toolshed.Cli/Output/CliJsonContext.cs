using System.Text.Json.Serialization;
using Toolshed.Server.Api;

namespace Toolshed.Cli.Output;

/// <summary>Source-generated JSON for what the CLI prints and reads.</summary>
[JsonSerializable(typeof(VersionResponse))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
