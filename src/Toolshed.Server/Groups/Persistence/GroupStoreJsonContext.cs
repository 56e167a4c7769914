using System.Text.Json.Serialization;
using Toolshed.Core.Groups;

namespace Toolshed.Server.Groups.Persistence;

/// <summary>How a group is stored in the database.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GroupSpec))]
internal sealed partial class GroupStoreJsonContext : JsonSerializerContext;
