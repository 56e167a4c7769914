using System.Text.Json.Serialization;

namespace Toolshed.Proxy.Audit;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
