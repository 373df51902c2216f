// Questions with one answer each, drawn from HTML the kernel rendered (kit/rendering/templates/questions/).
// Answers go to the kernel, which sends back each question's feedback and the form's result. With a store
// key the page also keeps the answers and the checked questions in localStorage, so that a reload or the other
// language's page shows them again (the kernel then explains them again). Nothing goes to the server's disk.
function read(key) {
  if (!key) return null;
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) || "null");
    return saved && typeof saved === "object" ? saved : null;
  } catch (error) {
    return null;
  }
}

function keep(key, value) {
  if (!key) return;
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch (error) {
    // Private browsing or a full storage: the page keeps working, only without memory.
  }
}

function render({ model, el }) {
  el.classList.add("kit-questions");
  const all = (selector) => [...el.querySelectorAll(selector)];
  const key = model.get("store_key");

  const showAnswers = () => {
    const answers = model.get("answers");
    for (const radio of all("input[data-question]")) radio.checked = answers[radio.dataset.question] === radio.value;
  };
  const showFeedback = () => {
    const feedback = model.get("feedback");
    for (const box of all("[data-feedback]")) {
      const html = feedback[box.dataset.feedback] || "";
      if (box.innerHTML !== html) box.innerHTML = html;
    }
    const result = el.querySelector("[data-result]");
    if (result && result.innerHTML !== model.get("result")) result.innerHTML = model.get("result");
  };
  const draw = () => {
    el.innerHTML = model.get("html");
    showAnswers();
    showFeedback();
  };
  const save = () => {
    model.save_changes();
    keep(key, { answers: model.get("answers"), checked: model.get("checked") });
  };

  el.addEventListener("change", (event) => {
    const radio = event.target;
    if (radio.dataset.question === undefined) return;
    model.set("answers", { ...model.get("answers"), [radio.dataset.question]: radio.value });
    // A new answer to a checked question waits for its Check again: the verdict shown is never on another answer.
    model.set("checked", model.get("checked").filter((id) => id !== radio.dataset.question));
    save();
  });
  el.addEventListener("click", (event) => {
    const check = event.target.closest("button[data-check]");
    if (check) {
      model.set("checked", [...new Set([...model.get("checked"), check.dataset.check])]);
      save();
    } else if (event.target.closest("button[data-submit]")) {
      model.set("submitted", model.get("submitted") + 1);
      model.save_changes();
    }
  });

  model.on("change:html", draw);
  model.on("change:answers", showAnswers);
  model.on("change:feedback change:result", showFeedback);
  draw();
  const saved = read(key);
  if (saved && saved.answers && typeof saved.answers === "object") {
    model.set("answers", { ...saved.answers, ...model.get("answers") });
    if (Array.isArray(saved.checked)) model.set("checked", [...new Set([...saved.checked, ...model.get("checked")])]);
    model.save_changes();
  }
}

export default { render };
