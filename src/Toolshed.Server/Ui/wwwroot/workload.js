// One workload: live figures, logs as they are written, the audit timeline, its configuration and how to connect a
// client. Everything comes from the daemon's API; nothing here is sent anywhere else.
import { api, apiText, every, segment } from "./api.js";
import { announce, el } from "./dom.js";
import { urlCell } from "./workloads.js";

const LOG_LINES = 1000;
const AUDIT_LINES = 200;

export function workloadView(main, name) {
  const path = `/servers/${segment(name)}`;
  const heading = el("h1", {}, name);
  const summary = el("section", { "aria-labelledby": "overview-title" });
  const figures = el("dl", { class: "tiles", "data-figures": "" });
  const config = el("dl", { class: "config" });
  const connect = el("div", { class: "snippets" });
  const logs = logPanel(path, name);
  const audit = auditPanel(path);
  main.append(
    el("p", {}, el("a", { href: "#/workloads" }, "← All workloads")),
    heading,
    summary,
    el("section", { "aria-labelledby": "figures-title" }, el("h2", { id: "figures-title" }, "Last minute"), figures),
    logs.node,
    audit.node,
    el("section", { "aria-labelledby": "config-title" }, el("h2", { id: "config-title" }, "Configuration"), config),
    el("section", { "aria-labelledby": "connect-title" }, el("h2", { id: "connect-title" }, "Connect a client"), connect));

  let shownUrl = null;
  const details = every(3000, async () => {
    try {
      const server = await api("GET", path);
      const state = server.state || "unknown";
      summary.replaceChildren(el("h2", { id: "overview-title", class: "visually-hidden" }, "Overview"), el("p", {},
        el("span", { class: `state state-${state}`, "data-state": state }, state), " ",
        el("span", { class: "muted" }, server.status ?? ""), " · ",
        server.url ? urlCell(server.url) : "not served", " · ", server.transport, " · ", server.image));
      config.replaceChildren(...configEntries(server));
      if (server.url && server.url !== shownUrl) {
        shownUrl = server.url;
        connect.replaceChildren(...snippets(name, server.url));
      }
    } catch (error) {
      announce(error.status === 404 ? `${name} no longer exists` : `Could not load ${name}: ${error.message}`, true);
    }
  });
  const stats = every(2000, async () => {
    const s = await api("GET", `${path}/stats?window=60`).catch(() => null);
    if (s) {
      figures.replaceChildren(
        ...tile("Calls/s", s.calls_per_second.toFixed(1)), ...tile("Calls", s.calls), ...tile("Errors", s.errors),
        ...tile("p50", ms(s.p50_ms)), ...tile("p99", ms(s.p99_ms)), ...tile("Sessions", s.sessions ?? "–"),
        ...tile("Since start", s.total_calls));
    }
  });
  return { dispose: () => [details, stats, logs, audit].forEach((d) => d.dispose()) };
}

function logPanel(path, name) {
  const follow = el("input", { type: "checkbox", id: "logs-follow", checked: true });
  const search = el("input", { type: "search", id: "logs-search", placeholder: "Filter lines", "aria-label": "Filter log lines" });
  const download = el("button", { type: "button", class: "quiet small" }, "Download");
  const output = el("pre", { class: "logs", tabindex: "0", "aria-label": "Log lines", "data-logs": "" });
  let text = "";
  const render = () => {
    const needle = search.value.trim().toLowerCase();
    const lines = text.split("\n").filter((line) => line && (!needle || line.toLowerCase().includes(needle)));
    output.textContent = lines.length ? lines.join("\n") : needle ? "No line matches." : "No output yet.";
    if (follow.checked) {
      output.scrollTop = output.scrollHeight;
    }
  };
  search.addEventListener("input", render);
  download.addEventListener("click", () => {
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain" })), download: `${name}.log` });
    link.click();
    URL.revokeObjectURL(link.href);
  });
  const poll = every(1000, async () => {
    if (!follow.checked) {
      return;
    }

    const latest = await apiText(`${path}/logs?tail=${LOG_LINES}`).catch(() => null);
    if (latest !== null && latest !== text) {
      text = latest;
      render();
    }
  });
  const node = el("section", { "aria-labelledby": "logs-title" },
    el("h2", { id: "logs-title" }, "Logs"),
    el("div", { class: "toolbar" }, el("label", {}, follow, " Follow"), search, download),
    output);
  return { node, dispose: () => poll.dispose() };
}

function auditPanel(path) {
  const body = el("tbody");
  const poll = every(2000, async () => {
    const text = await apiText(`${path}/audit?tail=${AUDIT_LINES}`).catch(() => null);
    if (text === null) {
      return;
    }

    const entries = text.split("\n").filter(Boolean).map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return null;
      }
    }).filter(Boolean).reverse();
    body.replaceChildren(...(entries.length ? entries.map(auditRow) : [el("tr", {}, el("td", { colspan: "7", class: "muted" }, "No calls yet."))]));
  });
  const node = el("section", { "aria-labelledby": "audit-title" },
    el("h2", { id: "audit-title" }, "Calls (audit log, newest first)"),
    el("table", { class: "audit" },
      el("thead", {}, el("tr", {}, ["Time", "Caller", "Method", "Name", "Decision", "Outcome", "ms"].map((h) => el("th", { scope: "col" }, h)))),
      body));
  return { node, dispose: () => poll.dispose() };
}

function auditRow(entry) {
  const outcome = entry.outcome ?? "";
  return el("tr", { "data-method": entry.method ?? "" },
    el("td", {}, entry.time ? new Date(entry.time).toLocaleTimeString() : ""),
    el("td", {}, entry.subject ?? "local"),
    el("td", {}, el("code", {}, entry.method ?? entry.event ?? "")),
    el("td", {}, entry.name ?? ""),
    el("td", {}, entry.decision ?? ""),
    el("td", { class: outcome === "success" ? "" : "error" }, outcome + (entry.error_code != null ? ` (${entry.error_code})` : "")),
    el("td", {}, entry.duration_ms != null ? String(entry.duration_ms) : ""));
}

function configEntries(server) {
  const list = (values) => (values && values.length ? values.join(", ") : "none");
  const profile = typeof server.permission_profile === "string" ? server.permission_profile : "custom";
  const egress = server.egress ? `${list(server.egress.allow_host)} (ports ${list(server.egress.allow_port)})` : server.network ?? "";
  return [
    ["Environment (names only)", list(server.env_var_names)],
    ["Secrets (names only)", list((server.secrets ?? []).map((s) => `${s.name} → ${s.target}`))],
    ["Volumes", list(server.volumes)],
    ["Permission profile", profile],
    ["Network", egress],
    ["Memory, processes", `${bytes(server.memory_limit)}, ${server.pids_limit ?? "–"} processes`],
    ["Arguments", list(server.cmd_arguments)],
    ["Tools shown", server.tools ? list(server.tools) : "all"],
    ["Restarts", `${server.restart_count ?? 0}${server.last_exit_code != null ? ` (last exit code ${server.last_exit_code})` : ""}`],
  ].flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]);
}

function snippets(name, url) {
  const key = `toolshed-${name}`;
  const examples = [
    ["Claude Code", `claude mcp add --transport http ${key} ${url}`],
    ["VS Code (.vscode/mcp.json)", JSON.stringify({ servers: { [key]: { type: "http", url } } }, null, 2)],
    ["Cursor (~/.cursor/mcp.json)", JSON.stringify({ mcpServers: { [key]: { url } } }, null, 2)],
    ["Or let Toolshed keep your clients' configs", "shed client setup"],
  ];
  return examples.map(([title, code]) => {
    const copy = el("button", { type: "button", class: "quiet small", "aria-label": `Copy the ${title} snippet` }, "Copy");
    copy.addEventListener("click", () => navigator.clipboard.writeText(code).then(() => announce("Copied"), () => announce("Copying needs clipboard access", true)));
    return el("figure", {}, el("figcaption", {}, title, " ", copy), el("pre", {}, el("code", {}, code)));
  });
}

function tile(term, value) {
  return [el("div", { class: "tile" }, el("dt", {}, term), el("dd", { "data-figure": term }, String(value)))];
}

function bytes(value) {
  if (typeof value !== "number") {
    return value ?? "–";
  }

  const units = ["bytes", "KiB", "MiB", "GiB"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }

  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

function ms(value) {
  return value == null ? "–" : value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
}
