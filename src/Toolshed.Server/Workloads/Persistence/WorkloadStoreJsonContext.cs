using System.Text.Json.Serialization;
using Toolshed.Core.Workloads;

namespace Toolshed.Server.Workloads.Persistence;

/// <summary>How a run config is stored in the database (never holds secret values: only references).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkloadSpec))]
internal sealed partial class WorkloadStoreJsonContext : JsonSerializerContext;
