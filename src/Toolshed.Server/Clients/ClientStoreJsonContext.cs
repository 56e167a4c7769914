using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RegisteredClientsFile))]
internal sealed partial class ClientStoreJsonContext : JsonSerializerContext;
