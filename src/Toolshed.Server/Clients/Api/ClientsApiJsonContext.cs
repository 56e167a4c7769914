using System.Text.Json.Serialization;

namespace Toolshed.Server.Clients.Api;

[JsonSerializable(typeof(ClientListResponse))]
[JsonSerializable(typeof(ClientChangeResponse))]
public sealed partial class ClientsApiJsonContext : JsonSerializerContext;
