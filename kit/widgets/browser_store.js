// Keeps one JSON value in this browser's localStorage, under the key `key`: restored when the page
// loads, written whenever the kernel changes it, removed on "erase". Nothing goes to the server's disk.
function read(key) {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? JSON.parse(raw) : {};
  } catch (error) {
    return {};
  }
}

function render({ model, el }) {
  const key = model.get("key");
  el.style.display = "none";
  model.set("data", read(key));
  model.set("ready", true);
  model.save_changes();
  model.on("change:data", () => {
    try {
      window.localStorage.setItem(key, JSON.stringify(model.get("data")));
    } catch (error) {
      // Private browsing or a full storage: the page keeps working, only without memory.
    }
  });
  model.on("msg:custom", (message) => {
    if (message && message.event === "erase") {
      for (const name of message.keys || [key]) window.localStorage.removeItem(name);
    }
  });
}

export default { render };
