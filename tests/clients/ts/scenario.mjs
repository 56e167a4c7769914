// Runs one MCP scenario against a Toolshed proxy with the official TypeScript SDK and prints a JSON result.
// Usage: node scenario.mjs <url> <streamable|sse>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, mode] = process.argv.slice(2);
const transport = mode === "sse"
  ? new SSEClientTransport(new URL(url))
  : new StreamableHTTPClientTransport(new URL(url));
const client = new Client({ name: "toolshed-ts-test", version: "1.0.0" }, { capabilities: { sampling: {} } });
client.setRequestHandler(CreateMessageRequestSchema, async () => ({
  role: "assistant",
  model: "test-model",
  content: { type: "text", text: "sampled by the TS client" },
}));

const text = (result) => result.content.filter((c) => c.type === "text").map((c) => c.text).join("");
try {
  await client.connect(transport);
  const tools = await client.listTools();
  const echo = await client.callTool({ name: "echo", arguments: { message: "hello from ts" } });
  const progress = [];
  const longRunning = await client.callTool(
    { name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } },
    undefined,
    { onprogress: (p) => progress.push(p.progress) });
  const sampling = await client.callTool({ name: "trigger-sampling-request", arguments: { prompt: "hi" } });
  const resources = await client.listResources();
  const read = await client.readResource({ uri: resources.resources[0].uri });
  const prompts = await client.listPrompts();
  const prompt = await client.getPrompt({ name: "simple-prompt" });
  console.log(JSON.stringify({
    tools: tools.tools.map((t) => t.name),
    echo: text(echo),
    longRunning: text(longRunning),
    progress,
    sampling: text(sampling),
    resources: resources.resources.length,
    readContents: read.contents.length,
    prompts: prompts.prompts.map((p) => p.name),
    promptMessages: prompt.messages.length,
  }));
  await client.close();
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exit(1);
}
