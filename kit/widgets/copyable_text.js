// A labelled text area with a "copy" button. The button copies what the area shows at that moment
// (edits included), so a copy never lags behind the kernel. navigator.clipboard needs a secure origin
// (https or localhost); a laptop serving a room over plain http is not one: fall back to execCommand.
function copy(area) {
  const text = area.value;
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).then(() => true, () => fallback(area));
  }
  return Promise.resolve(fallback(area));
}

function fallback(area) {
  area.focus();
  area.select();
  try {
    return document.execCommand("copy");
  } catch (error) {
    return false;
  }
}

function render({ model, el }) {
  const id = `kit-copy-${Math.random().toString(36).slice(2)}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.style.display = "block";
  label.style.fontWeight = "600";
  const area = document.createElement("textarea");
  area.id = id;
  area.rows = 14;
  area.style.width = "100%";
  area.style.boxSizing = "border-box";
  area.style.font = "inherit";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button mod-primary kit-copy";
  button.style.marginTop = "0.4em";
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.style.marginLeft = "0.6em";
  const sync = () => {
    label.textContent = model.get("label");
    button.textContent = model.get("button_label");
    if (area.value !== model.get("value")) area.value = model.get("value");
  };
  sync();
  model.on("change:value change:label change:button_label", sync);
  area.addEventListener("input", () => {
    model.set("value", area.value);
    model.save_changes();
  });
  button.addEventListener("click", async () => {
    const ok = await copy(area);
    status.textContent = ok ? model.get("copied_label") : model.get("failed_label");
  });
  el.append(label, area, button, status);
}

export default { render };
