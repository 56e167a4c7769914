using System.Text.Json.Serialization;
using Toolshed.Server.Clients.Api;

namespace Toolshed.Cli.Api;

/// <summary>Source-generated JSON for the clients API as the CLI reads and prints it.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ClientListResponse))]
[JsonSerializable(typeof(ClientChangeResponse))]
internal sealed partial class ClientsCliJsonContext : JsonSerializerContext;
