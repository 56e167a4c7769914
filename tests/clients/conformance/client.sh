#!/usr/bin/env bash
# The MCP conformance suite's "client" for its authorization scenarios, played by Toolshed: a fresh daemon connects
# to the scenario's server as a remote workload (discovery, registration, PKCE, the browser sign-in through
# ../oauth/browser.sh), then an MCP client lists and calls tools through the workload's local endpoint, signing in
# again with `shed auth login` when the workload says it needs it.
# Usage (by the suite): client.sh SERVER_URL; MCP_CONFORMANCE_CONTEXT may carry a pre-registered client.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
url="${*: -1}"
home="$(mktemp -d /tmp/toolshed-conformance.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
export TOOLSHED_HOME="$home" TOOLSHED_API_URL="http://127.0.0.1:$port" BROWSER="$repo/tests/clients/oauth/browser.sh"
cleanup() {
  "$repo/shed" rm --force conformance >/dev/null 2>&1 || true
  pkill -f -- "--port $port" >/dev/null 2>&1 || true
  rm -rf "$home"
}
trap cleanup EXIT

args=()
context="${MCP_CONFORMANCE_CONTEXT:-}"
if [[ -n "$context" ]]; then
  client_id="$(jq -r '.client_id // empty' <<<"$context")"
  client_secret="$(jq -r '.client_secret // empty' <<<"$context")"
  if [[ -n "$client_id" ]]; then args+=(--oauth-client-id "$client_id"); fi
  if [[ -n "$client_secret" ]]; then
    printf '%s' "$client_secret" | "$repo/shed" secret set conformance-client-secret >/dev/null
    args+=(--oauth-client-secret conformance-client-secret)
  fi
fi

run="$("$repo/shed" run "$url" --name conformance --format json "${args[@]}")"
local_url="$(jq -r .url <<<"$run")"
# A remote that asks for (more) authorization only later, on a tool call, leaves the workload "needs sign-in": a
# user then runs `shed auth login NAME`, and so does this client, at most three times.
for attempt in 1 2 3 4; do
  if node "$here/call-tools.mjs" "$local_url"; then exit 0; fi
  if [[ $attempt == 4 ]] || ! "$repo/shed" auth status conformance | grep -q 'needs sign-in'; then exit 1; fi
  "$repo/shed" auth login conformance >&2
done
