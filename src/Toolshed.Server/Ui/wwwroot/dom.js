// A few helpers to build DOM nodes; text always goes in as text, never as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }

    if (key.startsWith("on")) {
      node.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      node.className = value;
    } else {
      node.setAttribute(key, value === true ? "" : value);
    }
  }

  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }

  return node;
}

const dialog = () => document.getElementById("confirm");

// Asks before something that cannot be undone; resolves true when confirmed.
export function confirmAction(title, text, action) {
  const box = dialog();
  box.querySelector("#confirm-title").textContent = title;
  box.querySelector("#confirm-text").textContent = text;
  box.querySelector("#confirm-ok").textContent = action;
  box.returnValue = "";
  box.showModal();
  return new Promise((resolve) => box.addEventListener("close", () => resolve(box.returnValue === "ok"), { once: true }));
}

export function announce(text, isError = false) {
  const status = document.getElementById("connection");
  status.textContent = text;
  status.classList.toggle("error", isError);
}
