// Notebook 03's plan, drawn from HTML the kernel rendered (kit/rendering/templates/checklist/plan.html.j2).
// One widget for the whole plan: its tick boxes, the accounts fields, the reasons and the letters are plain
// controls found by their data-* attributes. Ticks go back to the kernel (which keeps them in localStorage
// through kit.checklist's BrowserStore); accounts and reasons go to the kernel, which sends back each letter.
function copy(area) {
  // navigator.clipboard needs a secure origin (https or localhost); a laptop serving a room over plain http
  // is not one: fall back to execCommand.
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

// A tick is written to localStorage here too, at once: an attendee who ticks then leaves the page at
// once (the language switch) keeps it even if the kernel's answer has not come back yet.
function keep(key, item, ticked) {
  if (!key) return;
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) || "{}");
    const done = new Set(Array.isArray(saved.done) ? saved.done : []);
    ticked ? done.add(item) : done.delete(item);
    window.localStorage.setItem(key, JSON.stringify({ ...saved, done: [...done] }));
  } catch (error) {
    // Private browsing or a full storage: the page keeps working, only without memory.
  }
}

function render({ model, el }) {
  el.classList.add("kit-plan");
  let waiting = [];  // copy clicks waiting for the letter the kernel is making from the latest input
  let pending = false;
  const all = (selector) => [...el.querySelectorAll(selector)];

  const showState = () => {
    const done = new Set(model.get("done"));
    for (const box of all("input[data-item]")) box.checked = done.has(box.dataset.item);
    const reasons = new Set(model.get("reasons"));
    for (const box of all("input[data-reason]")) box.checked = reasons.has(box.dataset.reason);
    const accounts = model.get("accounts");
    for (const input of all("input[data-accounts]")) {
      const value = accounts[input.dataset.accounts] || "";
      if (document.activeElement !== input && input.value !== value) input.value = value;
    }
    const progress = model.get("progress");
    for (const text of all(".kit-progress-text strong")) text.textContent = progress;
    for (const bar of all(".kit-progress-bar")) {
      bar.value = model.get("finished");
      bar.setAttribute("aria-label", progress);
    }
  };
  const showLetters = () => {
    const letters = model.get("letters");
    for (const area of all("textarea[data-letter]")) {
      const value = letters[area.dataset.letter] || "";
      if (area.value !== value) area.value = value;
    }
    pending = false;
    waiting.splice(0).forEach((resolve) => resolve());
  };
  const draw = () => {
    el.innerHTML = model.get("html");
    showState();
    showLetters();
  };

  el.addEventListener("change", (event) => {
    const box = event.target;
    if (box.dataset.item !== undefined) {
      const done = new Set(model.get("done"));
      box.checked ? done.add(box.dataset.item) : done.delete(box.dataset.item);
      model.set("done", [...done]);
      model.save_changes();
      keep(model.get("store_key"), box.dataset.item, box.checked);
    } else if (box.dataset.reason !== undefined) {
      const chosen = new Set(model.get("reasons"));
      box.checked ? chosen.add(box.dataset.reason) : chosen.delete(box.dataset.reason);
      pending = true;
      model.set("reasons", [...chosen]);
      model.save_changes();
    }
  });
  el.addEventListener("input", (event) => {
    const field = event.target;
    if (field.dataset.accounts !== undefined) {
      pending = true;
      model.set("accounts", { ...model.get("accounts"), [field.dataset.accounts]: field.value });
      model.save_changes();
    }
  });
  el.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    if (pending) await Promise.race([new Promise((resolve) => waiting.push(resolve)),
                                     new Promise((resolve) => setTimeout(resolve, 2000))]);
    const area = el.querySelector(`textarea[data-letter="${button.dataset.copy}"]`);
    const ok = await copy(area);
    const status = button.parentElement.querySelector(".kit-copy-status");
    status.textContent = ok ? model.get("copied_label") : model.get("failed_label");
  });

  model.on("change:html", draw);
  model.on("change:done change:reasons change:accounts change:progress change:finished", showState);
  model.on("change:letters", showLetters);
  draw();
}

export default { render };
