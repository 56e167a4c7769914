"""A minimal MCP server over stdio (newline-delimited JSON-RPC) for Toolshed's package-build tests."""
import json
import sys

TOOL = {
    "name": "echo",
    "description": "Answers with the message it was given",
    "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
}


def answer(method, params):
    if method == "initialize":
        return {
            "protocolVersion": params.get("protocolVersion"),
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "mcp-echo-py", "version": "1.0.0"},
        }
    if method == "ping":
        return {}
    if method == "tools/list":
        return {"tools": [TOOL]}
    if method == "tools/call":
        message = (params.get("arguments") or {}).get("message", "")
        return {"content": [{"type": "text", "text": "python says: " + message}]}
    return None


def main():
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        if "id" not in request:
            continue
        result = answer(request.get("method"), request.get("params") or {})
        reply = {"jsonrpc": "2.0", "id": request["id"]}
        if result is None:
            reply["error"] = {"code": -32601, "message": "method not found: " + str(request.get("method"))}
        else:
            reply["result"] = result
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
