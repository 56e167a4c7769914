using System.Text.Json.Nodes;

namespace Toolshed.Proxy.Protocol;

/// <summary>Why a message is not valid JSON-RPC for MCP: the error code and text to answer, and the id it carried, if usable.</summary>
internal sealed record RpcProblem(int Code, string Message, JsonNode? Id = null);
