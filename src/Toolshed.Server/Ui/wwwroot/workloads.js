// Workloads: every workload, live from the daemon's event stream (no polling, no reload), with its actions.
import { api, segment } from "./api.js";
import { announce, confirmAction, el } from "./dom.js";

const stateNames = { running: "Running", stopped: "Stopped", starting: "Starting", exited: "Exited", restarting: "Restarting" };

export function workloadsView(main) {
  const body = el("tbody");
  const empty = el("p", { class: "empty", hidden: true }, "No workloads yet. Create one with ", el("code", {}, "shed run"), ".");
  main.append(
    el("h1", {}, "Workloads"),
    el("table", { class: "workloads", "aria-describedby": "workloads-caption" },
      el("caption", { id: "workloads-caption", class: "visually-hidden" }, "Every workload this daemon serves, updated live"),
      el("thead", {}, el("tr", {},
        ["Name", "State", "URL", "Transport", "Image or package", "Restarts", "Actions"].map((h) => el("th", { scope: "col" }, h)))),
      body),
    empty);

  const events = new EventSource("/api/v1beta/events");
  events.addEventListener("servers", (event) => {
    announce("Live");
    render(body, empty, JSON.parse(event.data).servers);
  });
  events.addEventListener("error", () => announce("Reconnecting to the daemon…", true));
  return { dispose: () => events.close() };
}

function render(body, empty, servers) {
  servers.sort((a, b) => a.name.localeCompare(b.name));
  empty.hidden = servers.length > 0;
  body.replaceChildren(...servers.map(row));
}

function row(server) {
  const state = server.state || "unknown";
  return el("tr", { "data-workload": server.name },
    el("th", { scope: "row" }, el("a", { href: `#/workloads/${segment(server.name)}` }, server.name)),
    el("td", {}, el("span", { class: `state state-${state}`, "data-state": state }, stateNames[state] ?? state),
      server.status ? el("span", { class: "status" }, server.status) : null),
    el("td", {}, server.url ? urlCell(server.url) : el("span", { class: "muted" }, "—")),
    el("td", {}, server.transport),
    el("td", { class: "image" }, server.image),
    el("td", { "data-restarts": String(server.restart_count ?? 0) }, String(server.restart_count ?? 0),
      server.last_exit_code != null ? el("span", { class: "muted" }, ` (last exit ${server.last_exit_code})`) : null),
    el("td", { class: "actions" }, actions(server)));
}

export function urlCell(url) {
  const copy = el("button", { type: "button", class: "quiet small", "aria-label": `Copy ${url}` }, "Copy");
  copy.addEventListener("click", async () => {
    await navigator.clipboard.writeText(url).then(() => announce("URL copied"), () => announce("Copying needs clipboard access", true));
  });
  return [el("code", { class: "url" }, url), " ", copy];
}

function actions(server) {
  const name = server.name;
  const buttons = [];
  if (server.state === "stopped") {
    buttons.push(button("Start", () => act(`Starting ${name}`, () => api("POST", `/servers/${segment(name)}/restart`))));
  } else {
    buttons.push(button("Stop", () => act(`Stopping ${name}`, () => api("POST", `/servers/${segment(name)}/stop`))));
    buttons.push(button("Restart", () => act(`Restarting ${name}`, () => api("POST", `/servers/${segment(name)}/restart`))));
  }

  buttons.push(button("Remove", async () => {
    if (await confirmAction(`Remove ${name}?`, "Its container and definition go; its secrets and volumes stay.", "Remove")) {
      await act(`Removing ${name}`, () => api("DELETE", `/servers/${segment(name)}`));
    }
  }, "danger"));
  return buttons;
}

function button(label, onclick, kind = "quiet") {
  return el("button", { type: "button", class: `${kind} small`, onclick }, label);
}

async function act(what, call) {
  announce(`${what}…`);
  try {
    await call();
    announce(`${what}: done`);
  } catch (error) {
    announce(`${what} failed: ${error.message}`, true);
  }
}
