// The room view: renders each snapshot the server pushes (EventSource reconnects by itself after a drop).
(() => {
  const main = document.getElementById("room");
  const key = main.dataset.key;
  const s = JSON.parse(main.dataset.strings);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  };
  const act = (body) => fetch("room/action", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key, ...body }),
  });

  function render(room) {
    document.getElementById("connected").textContent = room.connected;
    document.getElementById("step").textContent = fill(s.step, { number: room.step });
    const help = document.getElementById("help-list");
    help.replaceChildren(...room.help.map((h) => {
      const button = el("button", { type: "button" }, s.dismiss);
      button.addEventListener("click", () => { button.disabled = true; act({ action: "dismiss", number: h.number }); });
      const who = el("div", { class: "who" },
        el("span", { class: "seat" }, h.seat || s["no-seat"]), " ",
        el("span", { class: "meta" }, `${h.module} · ${fill(s["waiting-since"], { minutes: h.minutes })}`));
      return el("li", {}, who, button);
    }));
    document.getElementById("help-count").textContent = room.help.length;
    document.getElementById("help-none").hidden = room.help.length > 0;
    document.querySelector("section.help").classList.toggle("waiting", room.help.length > 0);
    const modules = document.getElementById("modules");
    modules.replaceChildren(...room.modules.map((m) => {
      const share = m.open ? Math.min(100, Math.round((100 * m.done) / m.open)) : 0;
      const bar = el("div", { class: "bar", role: "presentation" }, el("span", { style: `width: ${share}%` }));
      return el("li", {}, el("div", {}, `${m.title} `,
        el("span", { class: "figure" }, fill(s["done-of"], { done: m.done, open: m.open }))), bar);
    }));
    document.getElementById("no-module").hidden = room.modules.length > 0;
    document.getElementById("objection-list").replaceChildren(...room.objections.map((o) =>
      el("li", {}, el("span", {}, o.platforms), el("span", { class: "figure" }, String(o.count)))));
  }

  document.getElementById("new-step").addEventListener("click", () => act({ action: "new-step" }));
  render(JSON.parse(document.getElementById("first").textContent));
  const live = document.getElementById("live");
  const events = new EventSource(`room/events?key=${encodeURIComponent(key)}`);
  events.onmessage = (event) => { render(JSON.parse(event.data)); live.textContent = s.live; live.classList.remove("lost"); };
  events.onerror = () => { live.textContent = s.reconnecting; live.classList.add("lost"); };
})();
