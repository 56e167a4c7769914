// Launches `shed proxy stdio NAME` (or any command) with the TypeScript SDK's stdio client, the way a stdio-only app
// would, and prints a JSON result. Usage: node stdio-bridge.mjs <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
const client = new Client({ name: "toolshed-ts-stdio-test", version: "1.0.0" }, { capabilities: { sampling: {} } });
client.setRequestHandler(CreateMessageRequestSchema, async () => ({
  role: "assistant",
  model: "test-model",
  content: { type: "text", text: "sampled over stdio" },
}));

const text = (result) => result.content.filter((c) => c.type === "text").map((c) => c.text).join("");
try {
  await client.connect(transport);
  const tools = await client.listTools();
  const echo = await client.callTool({ name: "echo", arguments: { message: "hello over stdio" } });
  const sampling = await client.callTool({ name: "trigger-sampling-request", arguments: { prompt: "hi" } });
  console.log(JSON.stringify({ tools: tools.tools.map((t) => t.name), echo: text(echo), sampling: text(sampling) }));
  await client.close();
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exit(1);
}
