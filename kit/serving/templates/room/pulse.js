// The room pulse on an attendee's page: "I'm done", "I need help" and an optional seat label, plus the
// objections ticked in module 03. A few bytes go to the kit's server when the attendee acts, nothing else:
// no kernel, no polling. The tab's random id lives in sessionStorage (counts are of tabs, not of people);
// "don't share" is remembered in localStorage and then nothing at all is sent. The self-check score is sent
// only to those who tick "also share my self-check score" (off until they do).
(() => {
  const config = window.KIT_PULSE;
  const found = /voila\/render\/(?:[a-z]{2}\/)?(\d{2})-[^/]*\.ipynb$/.exec(window.location.pathname);
  if (!config || !found || document.querySelector(".kit-pulse")) return;
  const module = found[1];
  const s = config.strings[document.documentElement.lang === "fr" ? "fr" : "en"];
  const OFF = "kit.pulse.off", SHARE_SELFCHECK = "kit.pulse.selfcheck", TAB = "kit.pulse.tab", CHECKLIST = "kit.checklist", SELFCHECK = "kit.selfcheck";
  const base = document.body.dataset.baseUrl ? document.body.dataset.baseUrl.replace(/voila\/$/, "") : "/";
  const storage = (area) => { try { return window[area]; } catch (error) { return null; } };
  const local = storage("localStorage"), session = storage("sessionStorage");
  const off = () => { try { return local && local.getItem(OFF) === "1"; } catch (error) { return false; } };
  const selfcheckShared = () => {
    try { return !!local && local.getItem(SHARE_SELFCHECK) === "1"; } catch (error) { return false; }
  };

  function tabId() {
    let id = null;
    try { id = session && session.getItem(TAB); } catch (error) { /* private mode */ }
    if (!id || !/^[0-9a-f]{32}$/.test(id)) {
      const bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      try { session && session.setItem(TAB, id); } catch (error) { /* the id then lasts as long as the page */ }
    }
    return id;
  }
  const tab = tabId();
  const xsrf = () => (document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/) || [])[1] || "";

  async function send(message) {
    if (off()) return null;
    try {
      const response = await fetch(`${base}kit/pulse`, {
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json", "X-XSRFToken": decodeURIComponent(xsrf()) },
        body: JSON.stringify({ tab, module, ...message }),
      });
      return response.ok ? await response.json() : null;
    } catch (error) {
      return null;
    }
  }

  // --- the bar ---
  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  };
  const bar = el("aside", { class: "kit-pulse", "aria-label": `${s.done} / ${s.help}` });
  const row = el("div", { class: "kit-pulse-row" });
  const done = el("button", { type: "button", class: "kit-pulse-done" }, s.done);
  const help = el("button", { type: "button", class: "kit-pulse-help", "aria-pressed": "false" }, s.help);
  // On a phone the bar takes two short lines: the seat field, what exactly is shared and the self-check's
  // choice wait behind "more" (opened by itself when help is asked), so the page keeps the screen.
  const more = el("button", { type: "button", class: "kit-pulse-more", "aria-expanded": "false",
                              "aria-controls": "kit-pulse-more" }, s.more);
  row.append(done, help, more);
  const note = el("p", { class: "kit-pulse-note" });
  const noteText = el("span");
  const toggle = el("button", { type: "button", class: "kit-pulse-toggle" });
  note.append(noteText, " ", toggle);
  const panel = el("div", { class: "kit-pulse-panel", id: "kit-pulse-more" });
  const seat = el("input", { type: "text", class: "kit-pulse-seat", maxlength: "16", autocomplete: "off",
                             placeholder: s.seat, "aria-label": s.seat });
  const what = el("p", { class: "kit-pulse-what" }, s.shared);
  const scoreLabel = el("label", { class: "kit-pulse-selfcheck" });
  const scoreBox = el("input", { type: "checkbox" });
  scoreBox.checked = selfcheckShared();
  scoreLabel.append(scoreBox, " ", s["share-selfcheck"]);
  panel.append(seat, what, scoreLabel);
  const status = el("p", { class: "kit-pulse-status", role: "status" });
  bar.append(row, note, panel, status);

  function expand(open) {
    more.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
  }
  function show() {
    const sharing = !off();
    row.hidden = !sharing;
    if (!sharing) expand(false);
    noteText.textContent = sharing ? s["shared-short"] : s["not-shared"];
    toggle.textContent = sharing ? s["dont-share"] : s["share-again"];
    bar.classList.toggle("kit-pulse-off", !sharing);
  }
  function asked(waiting) {
    help.setAttribute("aria-pressed", waiting ? "true" : "false");
    help.textContent = waiting ? s["help-waiting"] : s.help;
  }
  function answered(reply) {
    status.textContent = reply ? "" : s.offline;
    if (reply) asked(reply.help);
  }

  done.addEventListener("click", async () => {
    const reply = await send({ kind: "done" });
    answered(reply);
    if (reply) {
      done.textContent = s["done-noted"];
      window.setTimeout(() => { done.textContent = s.done; }, 4000);
    }
  });
  help.addEventListener("click", async () => {
    const waiting = help.getAttribute("aria-pressed") === "true";
    if (!waiting && !seat.value) expand(true);  // where to find them, if they wish to say
    answered(await send(waiting ? { kind: "cancel-help" } : { kind: "help", seat: seat.value }));
  });
  more.addEventListener("click", () => expand(more.getAttribute("aria-expanded") !== "true"));
  seat.addEventListener("change", async () => {  // typed once help was asked: the request learns the seat
    if (help.getAttribute("aria-pressed") === "true" && seat.value) answered(await send({ kind: "help", seat: seat.value }));
  });
  toggle.addEventListener("click", async () => {
    if (!off() && help.getAttribute("aria-pressed") === "true") await send({ kind: "cancel-help" });
    try { off() ? local.removeItem(OFF) : local.setItem(OFF, "1"); } catch (error) { /* no storage: no choice kept */ }
    asked(false);
    status.textContent = "";
    show();
  });
  // Back on the page while waiting for help: one request says whether the facilitator has seen to it.
  document.addEventListener("visibilitychange", async () => {
    if (document.visibilityState === "visible" && help.getAttribute("aria-pressed") === "true") {
      const reply = await send({ kind: "status" });
      if (reply) asked(reply.help);
    }
  });
  expand(false);
  show();
  document.body.append(bar);
  document.body.classList.add("kit-pulse-page");
  // The page's last lines stay clear of the bar, however tall it is (open, closed, wrapped on a small screen).
  const room = () => document.body.style.setProperty("--kit-pulse-space", `${bar.offsetHeight}px`);
  if (window.ResizeObserver) new ResizeObserver(room).observe(bar);
  room();

  // --- module 03's "objection sent" ticks and the self-check, read where the page keeps them ---
  const parse = (raw) => { try { return JSON.parse(raw) || {}; } catch (error) { return {}; } };
  const read = (key) => { try { return parse(local && local.getItem(key)); } catch (error) { return {}; } };
  const objections = new Set(config.objections);
  const ticked = (value) => new Set((Array.isArray(value.done) ? value.done : []).filter((id) => objections.has(id)));
  let sent = ticked(read(CHECKLIST));
  let checked = read(SELFCHECK);

  function stored(key, raw) {
    if (key === CHECKLIST) {
      const now = ticked(parse(raw));
      for (const item of now) if (!sent.has(item)) send({ kind: "sent", item });
      for (const item of sent) if (!now.has(item)) send({ kind: "unsent", item });
      sent = now;
    } else if (key === SELFCHECK && selfcheckShared()) {
      const now = parse(raw);
      for (const stage of ["before", "after"]) {
        const answers = now[stage] && now[stage].answers;
        if (answers && JSON.stringify(answers) !== JSON.stringify(checked[stage] && checked[stage].answers)) {
          const known = Object.fromEntries(Object.entries(answers).filter(([q, a]) => config.selfcheck.includes(q) && a));
          send({ kind: "selfcheck", stage, answers: known });
        }
      }
      checked = now;
    }
  }
  scoreBox.addEventListener("change", () => {
    try { scoreBox.checked ? local.setItem(SHARE_SELFCHECK, "1") : local.removeItem(SHARE_SELFCHECK); } catch (error) {
      scoreBox.checked = false;  // no storage: nothing is shared
    }
    if (scoreBox.checked) {  // answers given before the tick are shared from now on
      const answers = local && local.getItem(SELFCHECK);
      checked = {};
      if (answers) stored(SELFCHECK, answers);
    }
  });
  if (local) {
    const setItem = Object.getPrototypeOf(local).setItem;
    Object.getPrototypeOf(local).setItem = function (key, value) {
      setItem.call(this, key, value);
      if (this === local) stored(key, String(value));
    };
  }
})();
