namespace Toolshed.Proxy.Modern;

/// <summary>A tool argument its schema mirrors into the header <c>Mcp-Param-{Name}</c> (<c>x-mcp-header</c>), and where
/// it sits in the arguments (a chain of <c>properties</c> keys).</summary>
internal sealed record ParamHeader(string Name, IReadOnlyList<string> Path);
