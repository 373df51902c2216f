// A file input that checks sizes before anything is read, then sends the files to the kernel in
// 1 MiB slices (one websocket message each), so no upload hits the server's message-size limit.
const CHUNK = 1024 * 1024;

function render({ model, el }) {
  const id = `kit-upload-${Math.random().toString(36).slice(2)}`;
  const wrapper = document.createElement("div");
  wrapper.className = "kit-upload";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.style.display = "block";
  label.style.fontWeight = "600";
  const input = document.createElement("input");
  input.type = "file";
  input.id = id;
  const progress = document.createElement("p");
  progress.setAttribute("aria-live", "polite");
  progress.className = "kit-upload-progress";
  wrapper.append(label, input, progress);
  el.appendChild(wrapper);

  const sync = () => {
    label.textContent = model.get("label");
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
    input.disabled = model.get("disabled");
  };
  sync();
  model.on("change:label change:accept change:multiple change:disabled", sync);

  input.addEventListener("change", async () => {
    const files = Array.from(input.files || []);
    if (!files.length) return;
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total > model.get("max_bytes")) {
      model.send({ event: "too-large", size: total });
      input.value = "";
      return;
    }
    input.disabled = true;
    model.send({ event: "start", files: files.map((f) => ({ name: f.name, size: f.size })) });
    let sent = 0;
    try {
      for (const [index, file] of files.entries()) {
        for (let offset = 0; offset < file.size; offset += CHUNK) {
          const buffer = await file.slice(offset, offset + CHUNK).arrayBuffer();
          model.send({ event: "chunk", index }, undefined, [buffer]);
          sent += buffer.byteLength;
          progress.textContent = `${Math.round((100 * sent) / Math.max(total, 1))} %`;
        }
      }
      model.send({ event: "done" });
    } catch (error) {
      model.send({ event: "failed" });
    } finally {
      progress.textContent = "";
      input.value = "";
      input.disabled = model.get("disabled");
    }
  });
}

export default { render };
