using System.Text.Json.Serialization;

namespace Toolshed.Proxy.Upstream;

/// <summary>Source-generated JSON for the little the upstream channel serializes itself.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class UpstreamJsonContext : JsonSerializerContext;
