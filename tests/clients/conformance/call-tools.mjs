// Lists the tools behind a Toolshed workload's local URL and calls the first one (with no arguments), as an MCP client
// would; exits non-zero when either fails.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const client = new Client({ name: 'toolshed-conformance', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(process.argv[2])));
const { tools } = await client.listTools();
if (tools.length > 0) await client.callTool({ name: tools[0].name, arguments: {} });
await client.close();
