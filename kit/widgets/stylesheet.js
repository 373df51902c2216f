// The kit's stylesheet, added once to the page's <head> where the page did not link it already (JupyterLab):
// the kit's Voilà templates link kit.css themselves.
const ID = "kit-stylesheet";

function render({ model }) {
  if (document.querySelector('link[rel="stylesheet"][href$="/kit.css"]')) return;
  let style = document.getElementById(ID);
  if (!style) {
    style = document.createElement("style");
    style.id = ID;
    document.head.appendChild(style);
  }
  style.textContent = model.get("css");
}

export default { render };
