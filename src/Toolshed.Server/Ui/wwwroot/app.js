// The dashboard's shell: routes #/page to a view, signs out.
import { secretsView } from "./secrets.js";
import { workloadView } from "./workload.js";
import { workloadsView } from "./workloads.js";

const views = { workloads: workloadsView, secrets: secretsView };
let current = null;

function route() {
  const [page = "workloads", item] = location.hash.replace(/^#\/?/, "").split("/");
  const view = page === "workloads" && item ? (main) => workloadView(main, decodeURIComponent(item)) : views[page] ?? views.workloads;
  current?.dispose?.();
  const main = document.getElementById("main");
  main.replaceChildren();
  for (const link of document.querySelectorAll("nav a")) {
    link.toggleAttribute("aria-current", link.dataset.page === page);
  }

  current = view(main);
}

document.getElementById("logout").addEventListener("click", async () => {
  await fetch("/ui/logout", { method: "POST", credentials: "same-origin" });
  location.replace("/ui/");
});

window.addEventListener("hashchange", route);
route();
