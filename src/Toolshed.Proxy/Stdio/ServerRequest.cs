using System.Text.Json.Nodes;
using Toolshed.Proxy.Sessions;

namespace Toolshed.Proxy.Stdio;

/// <summary>A request the server sent to a client, remembered until that client answers.</summary>
internal sealed record ServerRequest(BackendAttachment Backend, JsonNode ServerId, McpSession Session);
