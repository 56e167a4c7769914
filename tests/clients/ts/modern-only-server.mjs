// An MCP server that speaks only 2026-07-28, over stdio, written by hand (no SDK): it refuses initialize, answers
// server/discover, and serves each request from its own _meta. Its tools show what it was sent:
//   echo  — the message, and the protocol version and client capabilities the request carried;
//   greet — asks for a name with an input_required result (requestState "greet-1"), then greets.
import { createInterface } from "node:readline";

const version = "2026-07-28";
const serverInfo = { name: "modern-only-test-server", version: "1.0.0" };
const tools = [
  { name: "echo", description: "Echoes the message and what the request declared.", inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] } },
  { name: "greet", description: "Asks for a name (input_required), then greets.", inputSchema: { type: "object", properties: {} } },
];

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

function answer(id, result) {
  send({ jsonrpc: "2.0", id, result: { resultType: "complete", ...result, _meta: { "io.modelcontextprotocol/serverInfo": serverInfo } } });
}

function fail(id, code, message, data) {
  send({ jsonrpc: "2.0", id, error: data === undefined ? { code, message } : { code, message, data } });
}

createInterface({ input: process.stdin }).on("line", (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }

  if (message.id === undefined || message.method === undefined) {
    return; // notifications and responses: nothing to do
  }

  const { id, method } = message;
  const params = message.params ?? {};
  const meta = params._meta ?? {};
  if (method === "initialize") {
    fail(id, -32601, `this server speaks only ${version}: send server/discover and per-request _meta`, { supported: [version] });
    return;
  }

  const requested = meta["io.modelcontextprotocol/protocolVersion"];
  const capabilities = meta["io.modelcontextprotocol/clientCapabilities"];
  if (typeof requested !== "string" || typeof capabilities !== "object" || capabilities === null) {
    fail(id, -32602, "_meta must carry io.modelcontextprotocol/protocolVersion and io.modelcontextprotocol/clientCapabilities");
    return;
  }

  if (requested !== version) {
    fail(id, -32022, "Unsupported protocol version", { supported: [version], requested });
    return;
  }

  switch (method) {
    case "server/discover":
      answer(id, { supportedVersions: [version], capabilities: { tools: { listChanged: true } }, instructions: "A test server.", ttlMs: 0, cacheScope: "public" });
      return;
    case "tools/list":
      answer(id, { tools, ttlMs: 0, cacheScope: "public" });
      return;
    case "tools/call":
      if (params.name === "echo") {
        const text = `${params.arguments?.message} | version ${requested} | capabilities ${JSON.stringify(capabilities)}`;
        answer(id, { content: [{ type: "text", text }] });
      } else if (params.name === "greet") {
        const name = params.inputResponses?.who?.content?.name;
        if (params.requestState === "greet-1" && typeof name === "string") {
          answer(id, { content: [{ type: "text", text: `Hello, ${name}!` }] });
        } else if (capabilities.elicitation === undefined) {
          fail(id, -32021, "greet needs the elicitation capability", { requiredCapabilities: ["elicitation"] });
        } else {
          send({
            jsonrpc: "2.0",
            id,
            result: {
              resultType: "input_required",
              inputRequests: { who: { method: "elicitation/create", params: { mode: "form", message: "Who are you?", requestedSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } } } },
              requestState: "greet-1",
            },
          });
        }
      } else {
        fail(id, -32602, `Unknown tool: ${params.name}`);
      }

      return;
    default:
      fail(id, -32601, `Method not found: ${method}`);
  }
});
