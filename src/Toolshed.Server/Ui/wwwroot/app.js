// The dashboard's shell: routes #/page to a view, signs out.
import { workloadsView } from "./workloads.js";

const views = { workloads: workloadsView };
let current = null;

function route() {
  const [page = "workloads"] = location.hash.replace(/^#\/?/, "").split("/");
  const view = views[page] ?? views.workloads;
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
