// The remote the remote-workload tests sign in to, all on 127.0.0.1:
//  - oidc-provider as the authorization server: dynamic registration, PKCE, resource indicators (JWT access tokens
//    for the requested resource, 4 s lifetime), refresh tokens; its interactions approve every request at once (the
//    test's "browser" only follows redirects);
//  - a front that checks each request's bearer token (signature, issuer, audience = its own URL) and passes it to the
//    everything server (Streamable HTTP), with /wrong/mcp (tokens issued for another audience), /keyed/mcp (an API key
//    header instead of OAuth), /ssrf/mcp (its metadata names an authorization server on the link-local metadata
//    address, which a client must refuse to contact), /ssrf-token/mcp (its authorization server's metadata sends the
//    token endpoint there) and /control/* for the test;
//  - the everything server itself over legacy SSE, for transport detection.
// Prints one JSON line with the URLs, then serves until killed.
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const here = fileURLToPath(new URL('.', import.meta.url));
const everything = `${here}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
const apiKey = process.env.REMOTE_API_KEY ?? '';

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

const authServer = http.createServer();
const authPort = await listen(authServer);
const issuer = `http://127.0.0.1:${authPort}`;
const front = http.createServer();
const frontPort = await listen(front);
const base = `http://127.0.0.1:${frontPort}`;
const resourceOf = (path) => `${base}${path}`;

// The in-memory store, reachable so /control/revoke-refresh can drop every refresh token.
const stores = new Map();
class Store {
  constructor(name) { this.name = name; if (!stores.has(name)) stores.set(name, new Map()); this.items = stores.get(name); }
  async upsert(id, payload) { this.items.set(id, payload); }
  async find(id) { return this.items.get(id); }
  async findByUserCode() { return undefined; }
  async findByUid(uid) { return [...this.items.values()].find((p) => p.uid === uid); }
  async consume(id) { const p = this.items.get(id); if (p) p.consumed = Math.floor(Date.now() / 1000); }
  async destroy(id) { this.items.delete(id); }
  async revokeByGrantId(grantId) { for (const [id, p] of this.items) if (p.grantId === grantId) this.items.delete(id); }
}

const counts = { authorization_code: 0, refresh_token: 0, registrations: 0 };
const provider = new Provider(issuer, {
  adapter: Store,
  clients: [],
  scopes: ['openid', 'offline_access', 'mcp:tools'],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, indicator) => ({
        scope: 'mcp:tools',
        // /wrong/mcp gets tokens for another audience, which its front refuses.
        audience: indicator === resourceOf('/wrong/mcp') ? 'https://elsewhere.example/mcp' : indicator,
        accessTokenTTL: 4,
        accessTokenFormat: 'jwt',
      }),
    },
  },
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: { RefreshToken: 3600, Grant: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60 },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
});
provider.on('grant.success', (ctx) => { const type = ctx.oidc.params.grant_type; if (type in counts) counts[type]++; });
provider.on('registration_create.success', () => { counts.registrations++; });

const callback = provider.callback();
authServer.on('request', async (req, res) => {
  const match = /^\/interaction\/([^/?]+)/.exec(req.url);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      return await provider.interactionFinished(req, res, { login: { accountId: 'test-user' } }, { mergeWithLastSubmission: false });
    }

    const missing = details.prompt.details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});

const streamPort = await freePort();
const ssePort = await freePort();
const children = [
  spawn(process.execPath, [everything, 'streamableHttp'], { env: { ...process.env, PORT: String(streamPort) }, stdio: ['ignore', 'ignore', 'inherit'] }),
  spawn(process.execPath, [everything, 'sse'], { env: { ...process.env, PORT: String(ssePort) }, stdio: ['ignore', 'ignore', 'inherit'] }),
];
const stop = () => { for (const child of children) child.kill(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
const accepted = new Set();
const revoked = new Set();
let lastKeyHeader = null;
let lastAuthorization = null;

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const metadataPath = (path) => `/.well-known/oauth-protected-resource${path}`;
const challenge = (path, extra = '') =>
  `Bearer resource_metadata="${base}${metadataPath(path)}", scope="mcp:tools"${extra}`;

const forward = (req, res, path) => {
  const headers = { ...req.headers, host: `127.0.0.1:${streamPort}` };
  delete headers.authorization;
  delete headers['x-api-key'];
  const upstream = http.request({ host: '127.0.0.1', port: streamPort, path, method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => { res.statusCode = 502; res.end(String(error)); });
  req.pipe(upstream);
};

front.on('request', async (req, res) => {
  const url = new URL(req.url, base);
  const path = url.pathname;
  if (path === '/control/stats') return json(res, 200, { ...counts, last_key_header: lastKeyHeader, last_authorization: lastAuthorization });
  if (path === '/control/revoke-access' && req.method === 'POST') { for (const jti of accepted) revoked.add(jti); return json(res, 200, { revoked: revoked.size }); }
  if (path === '/control/revoke-refresh' && req.method === 'POST') {
    const tokens = stores.get('RefreshToken') ?? new Map();
    const dropped = tokens.size;
    tokens.clear();
    return json(res, 200, { dropped });
  }
  for (const resource of ['/mcp', '/wrong/mcp']) {
    if (path === metadataPath(resource)) {
      return json(res, 200, { resource: resourceOf(resource), authorization_servers: [issuer], scopes_supported: ['mcp:tools'] });
    }
  }

  if (path === metadataPath('/ssrf/mcp')) {
    return json(res, 200, { resource: resourceOf('/ssrf/mcp'), authorization_servers: ['https://169.254.169.254/latest'] });
  }
  if (path === '/ssrf/mcp') return json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': challenge(path) });
  // /ssrf-token/mcp: its authorization server is on this host, but its metadata sends the token endpoint to the
  // metadata address.
  if (path === metadataPath('/ssrf-token/mcp')) {
    return json(res, 200, { resource: resourceOf('/ssrf-token/mcp'), authorization_servers: [`${base}/ssrf-as`] });
  }
  if (path === '/.well-known/oauth-authorization-server/ssrf-as') {
    return json(res, 200, {
      issuer: `${base}/ssrf-as`,
      authorization_endpoint: `${base}/ssrf-as/authorize`,
      token_endpoint: 'https://169.254.169.254/latest/meta-data/token',
      registration_endpoint: `${base}/ssrf-as/register`,
      code_challenge_methods_supported: ['S256'],
    });
  }
  if (path === '/ssrf-token/mcp') return json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': challenge(path) });

  if (path === '/keyed/mcp') {
    lastKeyHeader = req.headers['x-api-key'] ?? null;
    lastAuthorization = req.headers.authorization ?? null;
    if (!apiKey || lastKeyHeader !== apiKey) return json(res, 401, { error: 'a valid X-Api-Key is required' });
    return forward(req, res, '/mcp');
  }

  if (path !== '/mcp' && path !== '/wrong/mcp') return json(res, 404, { error: 'not found' });
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ')) return json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': challenge(path) });
  try {
    const { payload } = await jwtVerify(auth.slice(7), jwks, { issuer, audience: resourceOf(path) });
    if (revoked.has(payload.jti)) throw new Error('token revoked');
    accepted.add(payload.jti);
  } catch (error) {
    const description = String(error.message).replace(/"/g, "'");
    return json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': challenge(path, `, error="invalid_token", error_description="${description}"`) });
  }

  return forward(req, res, '/mcp');
});

// Wait until both everything servers listen, then say where everything is.
const up = (port) => new Promise((resolve) => {
  const attempt = () => net.connect(port, '127.0.0.1').on('connect', function () { this.destroy(); resolve(); }).on('error', () => setTimeout(attempt, 100));
  attempt();
});
await Promise.all([up(streamPort), up(ssePort)]);
console.log(JSON.stringify({
  issuer,
  remote: resourceOf('/mcp'),
  wrong: resourceOf('/wrong/mcp'),
  keyed: resourceOf('/keyed/mcp'),
  ssrf: resourceOf('/ssrf/mcp'),
  ssrfToken: resourceOf('/ssrf-token/mcp'),
  sse: `http://127.0.0.1:${ssePort}/sse`,
  control: `${base}/control`,
}));
