#!/usr/bin/env node
// A minimal MCP server over stdio (newline-delimited JSON-RPC) for Toolshed's package-build tests.
const readline = require("node:readline");

const tool = {
  name: "echo",
  description: "Answers with the message it was given",
  inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
};

function answer(method, params) {
  switch (method) {
    case "initialize":
      return { protocolVersion: params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "mcp-echo-node", version: "1.0.0" } };
    case "ping":
      return {};
    case "tools/list":
      return { tools: [tool] };
    case "tools/call":
      return { content: [{ type: "text", text: "node says: " + ((params.arguments || {}).message || "") }] };
    default:
      return undefined;
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (request.id === undefined) {
    return;
  }
  const result = answer(request.method, request.params || {});
  const reply = result === undefined
    ? { jsonrpc: "2.0", id: request.id, error: { code: -32601, message: "method not found: " + request.method } }
    : { jsonrpc: "2.0", id: request.id, result };
  process.stdout.write(JSON.stringify(reply) + "\n");
});
