// Runs a scenario against a Toolshed proxy with the TypeScript SDK v2 client (@modelcontextprotocol/client), which
// speaks MCP 2026-07-28 when asked to, and prints a JSON result.
// Usage: node modern-scenario.mjs <url> <auto|pin> <modern|mixed>
//   auto: versionNegotiation mode 'auto' (probe with server/discover, fall back to initialize);
//   pin:  versionNegotiation mode { pin: '2026-07-28' } (no fallback).
//   modern: one 2026-07-28 client calls echo, get-sum, a sampling and an elicitation tool, and a long-running one;
//   mixed:  that client and a 2025-era client (@modelcontextprotocol/sdk v1) run long calls with progress at once.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as LegacyTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, negotiation, phase] = process.argv.slice(2);
const text = (result) => result.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");

async function modernClient() {
  const client = new Client(
    { name: "toolshed-ts-modern", version: "1.0.0" },
    {
      capabilities: { sampling: {}, elicitation: {} },
      versionNegotiation: { mode: negotiation === "pin" ? { pin: "2026-07-28" } : "auto" },
    });
  client.setRequestHandler("sampling/createMessage", async (request) => ({
    role: "assistant",
    model: "ts-model",
    content: { type: "text", text: `sampled by the ts client for ${request.params.messages.at(-1).content.text}` },
  }));
  client.setRequestHandler("elicitation/create", async () => ({ action: "accept", content: { name: "ts modern", check: true } }));
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

async function longCall(client, steps) {
  const progress = [];
  const result = await client.callTool(
    { name: "trigger-long-running-operation", arguments: { duration: steps * 0.75, steps } },
    { onprogress: (p) => progress.push({ progress: p.progress, total: p.total }) });
  return { text: text(result), progress };
}

try {
  const modern = await modernClient();
  const out = {
    era: modern.getProtocolEra(),
    version: modern.getNegotiatedProtocolVersion(),
    server: modern.getServerVersion()?.name,
  };
  if (phase === "mixed") {
    const legacy = new LegacyClient({ name: "toolshed-ts-legacy", version: "1.0.0" });
    const legacyTransport = new LegacyTransport(new URL(url));
    await legacy.connect(legacyTransport);
    out.legacyVersion = legacyTransport.protocolVersion ?? null;
    const legacyCall = (async () => {
      const progress = [];
      const result = await legacy.callTool(
        { name: "trigger-long-running-operation", arguments: { duration: 4 * 0.75, steps: 4 } },
        undefined,
        { onprogress: (p) => progress.push({ progress: p.progress, total: p.total }) });
      return { text: text(result), progress };
    })();
    const [modernLong, legacyLong] = await Promise.all([longCall(modern, 3), legacyCall]);
    out.modernLong = modernLong;
    out.legacyLong = legacyLong;
    await legacy.close();
  } else {
    out.echo = text(await modern.callTool({ name: "echo", arguments: { message: "hello from the ts modern client" } }));
    out.sum = text(await modern.callTool({ name: "get-sum", arguments: { a: 20, b: 22 } }));
    out.sampling = text(await modern.callTool({ name: "trigger-sampling-request", arguments: { prompt: "ts prompt" } }));
    out.elicitation = text(await modern.callTool({ name: "trigger-elicitation-request", arguments: {} }));
    out.long = await longCall(modern, 3);
  }

  await modern.close();
  console.log(JSON.stringify(out));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exit(1);
}
