using System.Text.Json.Serialization;

namespace Toolshed.Server.Registry.Api;

/// <summary>Source-generated JSON for the registry endpoints. Every field is always written (nulls included), so
/// clients see the reference's full shape.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RegistryListResponse))]
[JsonSerializable(typeof(RegistryInfoResponse))]
[JsonSerializable(typeof(RegistryServersResponse))]
[JsonSerializable(typeof(RegistryServerResponse))]
[JsonSerializable(typeof(RegistrySummary))]
[JsonSerializable(typeof(AddRegistryRequest))]
[JsonSerializable(typeof(RegistrySearchResponse))]
internal sealed partial class RegistryApiJsonContext : JsonSerializerContext;
