// Spends the one-time code in this page's fragment (never sent to a server, never in a Referer) for a session cookie,
// then drops the fragment from history and opens the dashboard.
const status = document.getElementById("status");
const code = location.hash.slice(1);
history.replaceState(null, "", location.pathname);

async function signIn() {
  if (!code) {
    status.textContent = "This link has no login code. Run `shed ui` for a new one.";
    return;
  }

  const response = await fetch("/ui/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code }),
    credentials: "same-origin",
  });
  if (response.ok) {
    location.replace("/ui/");
    return;
  }

  const problem = await response.json().catch(() => ({}));
  status.textContent = `${problem.detail ?? "Signing in failed."} ${problem.hint ?? "Run `shed ui` for a new link."}`;
  status.classList.add("error");
}

signIn().catch(() => {
  status.textContent = "The daemon could not be reached. Is `shed serve` running?";
  status.classList.add("error");
});
