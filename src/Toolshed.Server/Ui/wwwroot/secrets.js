// Secrets: names only. A value goes to the daemon when set and never comes back to the page (the daemon refuses to
// reveal one to a dashboard session).
import { api, segment } from "./api.js";
import { announce, confirmAction, el } from "./dom.js";

export function secretsView(main) {
  const body = el("tbody");
  const name = el("input", { id: "secret-name", name: "name", required: true, maxlength: "128", autocomplete: "off" });
  const value = el("input", { id: "secret-value", name: "value", type: "password", required: true, autocomplete: "new-password" });
  const form = el("form", { class: "inline-form", "aria-labelledby": "secret-form-title" },
    el("h2", { id: "secret-form-title" }, "Set a secret"),
    el("label", { for: "secret-name" }, "Name"), name,
    el("label", { for: "secret-value" }, "Value"), value,
    el("button", { type: "submit" }, "Save"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("PUT", `/secrets/${segment(name.value)}`, { value: value.value });
      announce(`Saved ${name.value}`);
      form.reset();
      await refresh();
    } catch (error) {
      announce(`Saving failed: ${error.message}`, true);
    }
  });

  const refresh = async () => {
    const { secrets } = await api("GET", "/secrets");
    body.replaceChildren(...(secrets.length
      ? secrets.map((s) => el("tr", { "data-secret": s.name }, el("th", { scope: "row" }, s.name), el("td", { class: "muted" }, "value hidden"),
        el("td", {}, el("button", { type: "button", class: "danger small", onclick: () => remove(s.name) }, "Delete"))))
      : [el("tr", {}, el("td", { colspan: "3", class: "muted" }, "No secrets yet."))]));
  };
  const remove = async (secret) => {
    if (await confirmAction(`Delete ${secret}?`, "Workloads that use it will not start until it is set again.", "Delete")) {
      try {
        await api("DELETE", `/secrets/${segment(secret)}`);
        announce(`Deleted ${secret}`);
        await refresh();
      } catch (error) {
        announce(`Deleting failed: ${error.message}`, true);
      }
    }
  };

  main.append(el("h1", {}, "Secrets"),
    el("table", {}, el("thead", {}, el("tr", {}, ["Name", "Value", "Actions"].map((h) => el("th", { scope: "col" }, h)))), body),
    form);
  refresh().catch((error) => announce(`Could not list secrets: ${error.message}`, true));
  return {};
}
