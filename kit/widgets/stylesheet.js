// The kit's stylesheet, added once to the page's <head> where the page did not link it already:
// JupyterLab and the slides. Voilà's kit template links kit.css itself and marks <html class="kit-page">.
const ID = "kit-stylesheet";

function render({ model }) {
  if (document.documentElement.classList.contains("kit-page")) return;
  let style = document.getElementById(ID);
  if (!style) {
    style = document.createElement("style");
    style.id = ID;
    document.head.appendChild(style);
  }
  style.textContent = model.get("css");
}

export default { render };
