// The daemon's REST API, called with the session cookie (same origin; the browser adds the Origin header the daemon
// asks of a state change). Errors are thrown as the API's problem details, so pages can show what it said.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(method, path, body) {
  const init = { method, credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }

  const response = await fetch(`/api/v1beta${path}`, init);
  if (response.status === 401) {
    location.replace("/ui/");
  }

  const text = await response.text();
  const value = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, value ?? {});
  }

  return value;
}

// A text/plain answer (logs, audit lines) as text.
export async function apiText(path) {
  const response = await fetch(`/api/v1beta${path}`, { credentials: "same-origin" });
  if (response.status === 401) {
    location.replace("/ui/");
  }

  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem);
  }

  return response.text();
}

// Calls fn now and then every ms while the page shows it; dispose() stops it. A call still running is not doubled.
export function every(ms, fn) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    try {
      await fn();
    } finally {
      if (!stopped) {
        timer = setTimeout(tick, ms);
      }
    }
  };
  tick();
  return { dispose: () => { stopped = true; clearTimeout(timer); } };
}

export const segment = encodeURIComponent;
