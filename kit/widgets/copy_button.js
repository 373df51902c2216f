// Copies `text` to the clipboard. navigator.clipboard needs a secure origin (https or localhost); a
// laptop serving a room over plain http is not one, so fall back to a selected textarea and execCommand.
function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).then(() => true, () => fallback(text));
  }
  return Promise.resolve(fallback(text));
}

function fallback(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (error) {
    ok = false;
  }
  area.remove();
  return ok;
}

function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button mod-primary kit-copy";
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.style.marginLeft = "0.6em";
  const sync = () => {
    button.textContent = model.get("label");
  };
  sync();
  model.on("change:label", sync);
  button.addEventListener("click", async () => {
    const ok = await copy(model.get("text"));
    status.textContent = ok ? model.get("copied_label") : model.get("failed_label");
  });
  el.append(button, status);
}

export default { render };
