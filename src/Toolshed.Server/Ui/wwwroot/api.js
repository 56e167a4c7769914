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

export const segment = encodeURIComponent;
