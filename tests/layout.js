// Phone layout measures for the browser tests (tests/browser.py): from the boxes the browser drew.
({
  scroller(el) {  // Voilà scrolls inside #rendered_cells, not the document
    for (let e = el.parentElement; e; e = e.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1) return e;
    }
    return document.scrollingElement;
  },

  swipesTo(selector) {
    const el = document.querySelector(selector), scroller = this.scroller(el);
    const box = el.getBoundingClientRect(), top = scroller.getBoundingClientRect().top;
    const bottom = box.bottom - (scroller === document.scrollingElement ? 0 : top) + scroller.scrollTop;
    const bar = document.querySelector(".kit-pulse");  // the room pulse bar hides the screen's last pixels
    const seen = scroller.clientHeight - (bar ? bar.getBoundingClientRect().height : 0);
    return Math.max(0, Math.ceil((bottom - seen) / seen));
  },

  overlappingText(root) {
    const boxes = [], walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || !parent.checkVisibility({ visibilityProperty: true })) continue;
      if (parent.closest("details:not([open])") && !parent.closest("summary")) continue;  // drawn once opened
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ r, node });
    }
    boxes.sort((a, b) => a.r.top - b.r.top);
    const found = [], words = (node) => node.textContent.trim().slice(0, 30);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (b.r.top >= a.r.bottom - 2) break;
        if (a.node === b.node) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 2 && y > 2) found.push(`${words(a.node)} / ${words(b.node)}`);
      }
    }
    return found.slice(0, 10);
  },

  widerThanTheScreen() {
    const width = document.documentElement.clientWidth, found = [];
    for (const e of [document.scrollingElement, document.body, document.getElementById("rendered_cells")]) {
      if (e && e.scrollWidth > e.clientWidth + 1) found.push(`${e.tagName}#${e.id} ${e.scrollWidth}>${e.clientWidth}`);
    }
    const cells = document.getElementById("rendered_cells");
    for (const e of cells.querySelectorAll("input, textarea, select, button, label, p, li, td, th")) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > width + 1 && !e.closest(".kit-table-scroll")) {
        found.push(`${e.tagName} ${e.textContent.trim().slice(0, 30)} ${Math.round(r.right)}`);
      }
    }
    return found.slice(0, 10);
  },

  smallTargets(root) {
    const found = [];
    let smallest = Infinity;
    for (const el of document.querySelector(root).querySelectorAll("a[href], button, input, select, textarea, summary")) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
      if (el.tagName === "A" && el.parentElement.textContent.trim() !== el.textContent.trim()) continue;  // in a sentence
      let box = r;
      const label = el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (label && (el.type === "checkbox" || el.type === "radio")) {
        const l = label.getBoundingClientRect();
        if (l.width * l.height > r.width * r.height) box = l;
      }
      const side = Math.min(box.width, box.height);
      smallest = Math.min(smallest, side);
      const name = (el.textContent || el.value || el.type).trim().slice(0, 30);
      if (side < 23.5) found.push(`${el.tagName} ${name} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
    return [smallest, found];
  },

  focusRing() {
    const el = document.activeElement, s = getComputedStyle(el);
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const channel = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let back = [255, 255, 255];
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) { back = c.slice(0, 3); break; }
    }
    let width = s.outlineStyle === "none" ? 0 : parseFloat(s.outlineWidth), colour = rgb(s.outlineColor);
    const shadow = s.boxShadow.match(/rgba?\([^)]*\)\s+0px\s+0px\s+0px\s+([\d.]+)px/);
    if (!width && shadow) { width = parseFloat(shadow[1]); colour = rgb(shadow[0]); }
    const [a, b] = [lum(colour.slice(0, 3)), lum(back)].sort((x, y) => y - x);
    return { tag: el.tagName, text: (el.textContent || el.value || "").trim().slice(0, 30), width,
             contrast: (a + 0.05) / (b + 0.05) };
  },
})
